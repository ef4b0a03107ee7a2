"""Helpers of the generated stacks: cdk-nag acknowledgments and small CDK idioms."""

from typing import List, Optional

import aws_cdk as cdk
from aws_cdk import aws_iam as iam
from constructs import IConstruct


def _flatten(node) -> str:
    """A resolved value as cdk-nag writes it in finding ids (its flattenCfnReference)."""
    if isinstance(node, str):
        return node.replace("${", "<").replace("}", ">")
    if isinstance(node, dict):
        if "Fn::Join" in node:
            delimiter, items = node["Fn::Join"]
            return delimiter.join(_flatten(i) for i in items)
        if "Fn::Sub" in node:
            return _flatten(node["Fn::Sub"])
        if "Fn::GetAtt" in node:
            resource, attribute = node["Fn::GetAtt"]
            return f"<{_flatten(resource)}.{_flatten(attribute)}>"
        if "Ref" in node:
            return f"<{_flatten(node['Ref'])}>"
    return str(node)


def _as_list(value) -> list:
    return value if isinstance(value, list) else [value]


def acknowledge_wildcards(construct: IConstruct, statements: List[iam.PolicyStatement], reasons: List[Optional[str]]) -> None:
    """Acknowledges each cdk-nag IAM5 finding (wildcard action or resource) with its statement's reason.

    A wildcard in a statement without a reason stays a finding, so that synthesis fails.
    """
    stack = cdk.Stack.of(construct)
    for statement, reason in zip(statements, reasons):
        if not reason:
            continue
        document = stack.resolve(statement.to_statement_json())
        findings = [f"Action::{a}" for a in _as_list(document.get("Action", [])) if "*" in a]
        findings += [f"Resource::{_flatten(r)}" for r in _as_list(document.get("Resource", [])) if "*" in _flatten(r)]
        for finding in findings:
            cdk.Validations.of(construct).acknowledge(cdk.Acknowledgment(id=f"AwsSolutions-IAM5[{finding}]", reason=reason))


def region_map(*pairs: str) -> dict:
    """A dict from alternating keys and values (keys that are settings, not literals)."""
    return dict(zip(pairs[0::2], pairs[1::2]))


def join_list(values: List[str]) -> str:
    """A list setting as one comma-separated value (a function's environment)."""
    return ",".join(values)


def cfn_lint_ignore(construct: IConstruct, rules: List[str]) -> None:
    """Tells cfn-lint to skip rules on the construct's CloudFormation resource (the caller says why)."""
    construct.node.default_child.add_metadata("cfn-lint", {"config": {"ignore_checks": rules}})


def default_child(construct: IConstruct) -> cdk.CfnResource:
    """The CloudFormation resource of an L2 construct, for properties the L2 lacks."""
    return construct.node.default_child
