#!/usr/bin/env python3
"""Checks the commands of recovery runbooks (RUNBOOK.md) against bash and the AWS CLI.

For every ```bash block of every runbook given (default: the golden runbooks under
tests/cases/, which tests/export_golden.rs and tests/runbook.rs keep equal to what
the export writes):

  bash -n     the block parses as bash;
  aws ...     each `aws <command> <subcommand> --option ...` names a service, an
              operation (or `wait <waiter>`) and options that the AWS CLI's own command
              model has (botocore's service, paginator and waiter models, which the
              AWS CLI is generated from, plus its global options), with every
              required option given.

A self-test runs first: commands that are wrong in each of those ways must be
rejected and their corrected forms accepted, so the checker cannot pass by
accepting everything. Prints the figures and exits non-zero on any rejection.

  .tools/venv/bin/python tests/iac/runbook_check.py [RUNBOOK.md ...]
"""

import re
import shlex
import subprocess
import sys
from pathlib import Path

import botocore.session
from botocore import xform_name

ROOT = Path(__file__).resolve().parents[2]
# The AWS CLI names a few services differently from botocore.
CLI_SERVICES = {"s3api": "s3"}
GLOBAL_OPTIONS = {
    "--region", "--query", "--output", "--profile", "--endpoint-url", "--no-paginate",
    "--debug", "--no-verify-ssl", "--color", "--cli-input-json", "--cli-input-yaml",
    "--generate-cli-skeleton", "--no-cli-pager", "--cli-read-timeout",
    "--cli-connect-timeout", "--no-sign-request", "--ca-bundle", "--cli-binary-format",
    "--cli-auto-prompt", "--no-cli-auto-prompt",
}
PAGINATION_OPTIONS = {"--max-items", "--starting-token", "--page-size"}

SESSION = botocore.session.get_session()
_models = {}


def service(name):
    if name not in _models:
        try:
            model = SESSION.get_service_model(name)
        except Exception:  # noqa: BLE001 - unknown service
            model = None
        _models[name] = model
    return _models[name]


def paginated(name, operation):
    try:
        return SESSION.get_paginator_model(name).get_paginator(operation) is not None
    except Exception:  # noqa: BLE001 - no paginator model or not paginated
        return False


def waiters(name):
    try:
        model = SESSION.get_waiter_model(name)
    except Exception:  # noqa: BLE001 - the service has no waiters
        return {}
    return {xform_name(w, "-"): model.get_waiter(w).operation for w in model.waiter_names}


def check_command(tokens):
    """Why the AWS CLI would refuse `tokens` (starting with `aws`), or None."""
    if len(tokens) < 3:
        return "no command and subcommand"
    cli_service, sub = tokens[1], tokens[2]
    name = CLI_SERVICES.get(cli_service, cli_service)
    model = service(name)
    if model is None:
        return f"no AWS CLI command {cli_service}"
    rest = tokens[3:]
    operations = {xform_name(op, "-"): op for op in model.operation_names}
    if sub == "wait":
        if not rest:
            return "wait without a waiter"
        table = waiters(name)
        if rest[0] not in table:
            return f"no waiter {cli_service} wait {rest[0]}"
        operation, rest = table[rest[0]], rest[1:]
        required_needed = True
    else:
        if sub not in operations:
            return f"no subcommand {cli_service} {sub}"
        operation = operations[sub]
        required_needed = True
    shape = model.operation_model(operation).input_shape
    members = shape.members if shape is not None else {}
    allowed = set(GLOBAL_OPTIONS)
    if paginated(name, operation):
        allowed |= PAGINATION_OPTIONS
    option_of = {}
    for member, member_shape in members.items():
        option = "--" + xform_name(member, "-")
        allowed.add(option)
        option_of[member] = option
        if member_shape.type_name == "boolean":
            allowed.add("--no-" + xform_name(member, "-"))
    given = [t for t in rest if t.startswith("--")]
    for option in given:
        if option not in allowed:
            return f"{cli_service} {sub}: no option {option}"
    if required_needed and "--cli-input-json" not in given:
        required = shape.required_members if shape is not None else []
        for member in required:
            if option_of[member] not in given:
                return f"{cli_service} {sub}: missing required {option_of[member]}"
    return None


def strip_comment(line):
    """The line without its comment: a `#` outside quotes, at the start or after a blank."""
    quote = None
    for j, c in enumerate(line):
        if quote:
            if c == quote:
                quote = None
        elif c in "'\"":
            quote = c
        elif c == "#" and (j == 0 or line[j - 1].isspace()):
            return line[:j]
    return line


def aws_segments(line):
    """Every `aws ...` command in a line of bash: from `aws` to the end of its simple
    command (a `)`, `|`, `;` or `&&` outside quotes and nested substitutions)."""
    out = []
    line = strip_comment(line)
    for match in re.finditer(r"(?<![\w./-])aws\s", line):
        i, depth, quote = match.start(), 0, None
        j = i
        while j < len(line):
            c = line[j]
            if quote == "'":
                if c == "'":
                    quote = None
            elif c == "'" and quote is None:
                quote = "'"
            elif c == '"':
                quote = None if quote == '"' else '"'
            elif c == "(":
                depth += 1
            elif c == ")":
                if depth == 0 and quote is None:
                    break
                depth = max(0, depth - 1)
            elif quote is None and depth == 0 and (c in "|;" or line.startswith("&&", j)):
                break
            j += 1
        # Not a command when `aws` sits inside a quoted string (an ARN, a comment).
        before = line[:i]
        if before.count("'") % 2 == 1:
            continue
        out.append(line[i:j])
    return out


def blocks(text):
    return re.findall(r"```bash\n(.*?)```", text, flags=re.S)


def check_file(path, figures):
    problems = []
    for n, block in enumerate(blocks(path.read_text())):
        figures["blocks"] += 1
        parsed = subprocess.run(["bash", "-n"], input=block, text=True, capture_output=True)
        if parsed.returncode != 0:
            figures["bash_rejected"] += 1
            problems.append(f"{path}: block {n + 1}: bash -n: {parsed.stderr.strip()}")
        for line in block.splitlines():
            for segment in aws_segments(line):
                figures["commands"] += 1
                try:
                    tokens = shlex.split(segment, comments=True)
                except ValueError as e:
                    why = f"unparsable: {e}"
                else:
                    why = check_command(tokens)
                if why:
                    figures["rejected"] += 1
                    problems.append(f"{path}: {why}\n    {segment}")
    return problems


SELF_TEST = [
    # (command, whether the AWS CLI accepts it)
    ("aws dynamodb restore-table-to-point-in-time --source-table-name a --target-table-name b --restore-date-time 2026-01-01T00:00:00Z", True),
    ("aws dynamodb restore-table-to-point-in-time --source-table-name a --target-table-name b --restore-time 2026-01-01T00:00:00Z", False),
    ("aws dynamodb restore-table-to-point-in-time --source-table-name a", False),
    ("aws dynamodb restore-table --table-name a", False),
    ("aws dynamo describe-table --table-name a", False),
    ("aws rds wait db-instance-available --db-instance-identifier a", True),
    ("aws rds wait db-instance-ready --db-instance-identifier a", False),
    ("aws s3api list-objects-v2 --bucket b --max-items 10 --query 'Contents[].Key' --output text", True),
    ("aws s3api head-object --bucket b --key k --max-items 10", False),
    ("aws rds restore-db-instance-to-point-in-time --source-db-instance-identifier a --target-db-instance-identifier b --use-latest-restorable-time --no-multi-az", True),
]


def self_test():
    failures = []
    for command, accepted in SELF_TEST:
        why = check_command(shlex.split(command))
        if (why is None) != accepted:
            failures.append(f"self-test: {command!r} {'rejected: ' + why if why else 'accepted'}")
    segments = aws_segments("X=$(aws sts get-caller-identity --query Account --output text) # aws y")
    if segments != ["aws sts get-caller-identity --query Account --output text"]:
        failures.append(f"self-test: segments {segments}")
    return failures


def main():
    failures = self_test()
    paths = [Path(p) for p in sys.argv[1:]] or sorted(ROOT.glob("tests/cases/**/RUNBOOK.md"))
    figures = {"files": len(paths), "blocks": 0, "bash_rejected": 0, "commands": 0, "rejected": 0}
    for path in paths:
        failures.extend(check_file(path, figures))
    print(
        f"runbooks: {figures['files']} files, {figures['blocks']} bash blocks "
        f"({figures['bash_rejected']} rejected by bash -n), {figures['commands']} aws commands "
        f"checked against botocore {botocore.__version__} ({figures['rejected']} rejected)"
    )
    for failure in failures:
        print(failure)
    if not figures["commands"]:
        failures.append("no aws command found")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
