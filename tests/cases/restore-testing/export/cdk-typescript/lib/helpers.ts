// Helpers of the generated stacks: cdk-nag acknowledgments and small CDK idioms.

import * as cdk from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';

/** A resolved value as cdk-nag writes it in finding ids (its flattenCfnReference). */
function flatten(node: unknown): string {
  if (typeof node === 'string') {
    return node.replace(/\$\{/g, '<').replace(/\}/g, '>');
  }
  if (node !== null && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (o['Fn::Join'] !== undefined) {
      const [delimiter, items] = o['Fn::Join'] as [string, unknown[]];
      return items.map(flatten).join(delimiter);
    }
    if (o['Fn::Sub'] !== undefined) {
      return flatten(o['Fn::Sub']);
    }
    if (o['Fn::GetAtt'] !== undefined) {
      const [resource, attribute] = o['Fn::GetAtt'] as [unknown, unknown];
      return `<${flatten(resource)}.${flatten(attribute)}>`;
    }
    if (o['Ref'] !== undefined) {
      return `<${flatten(o['Ref'])}>`;
    }
  }
  return JSON.stringify(node);
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

/**
 * Acknowledges each cdk-nag IAM5 finding (wildcard action or resource) with its statement's reason.
 * A wildcard in a statement without a reason stays a finding, so that synthesis fails.
 */
export function acknowledgeWildcards(construct: IConstruct, statements: iam.PolicyStatement[], reasons: string[]): void {
  const stack = cdk.Stack.of(construct);
  statements.forEach((statement, i) => {
    const reason = reasons[i];
    if (!reason) {
      return;
    }
    const document = stack.resolve(statement.toStatementJson());
    const findings = [
      ...asList(document.Action ?? []).filter((a) => String(a).includes('*')).map((a) => `Action::${a}`),
      ...asList(document.Resource ?? []).map(flatten).filter((r) => r.includes('*')).map((r) => `Resource::${r}`),
    ];
    for (const finding of findings) {
      cdk.Validations.of(construct).acknowledge({ id: `AwsSolutions-IAM5[${finding}]`, reason });
    }
  });
}

/** A map from alternating keys and values (keys that are settings, not literals). */
export function regionMap(...pairs: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < pairs.length; i += 2) {
    out[pairs[i]] = pairs[i + 1];
  }
  return out;
}

/** A list setting as one comma-separated value (a function's environment). */
export function joinList(values: string[]): string {
  return values.join(',');
}

/** Tells cfn-lint to skip rules on the construct's CloudFormation resource (the caller says why). */
export function cfnLintIgnore(construct: IConstruct, rules: string[]): void {
  (construct.node.defaultChild as cdk.CfnResource).addMetadata('cfn-lint', { config: { ignore_checks: rules } });
}

/** The CloudFormation resource of an L2 construct, for properties the L2 lacks. */
export function defaultChild(construct: IConstruct): cdk.CfnResource {
  return construct.node.defaultChild as cdk.CfnResource;
}
