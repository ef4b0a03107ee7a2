//! KMS keys of the model: the plan's `kms_key` components, the infrastructure key
//! that encrypts topics, logs, vaults and function environments, the DR key and its
//! alias, and the key-policy statements that let services use them.

use super::build::{param, Ctx, DR_KEY_ARN};
use super::expr::{account, arn, lit, Effect, Expr, Principal, Statement};
use super::kinds::{Key, Kind};
use super::{ParamKind, Resource, Skip, StackId, Tool};

/// The waiting period before AWS deletes a KMS key whose deletion is scheduled (AWS's
/// default; Terraform's `deletion_window_in_days` sets it, and the README names it).
pub const KEY_DELETION_WINDOW_DAYS: u32 = 30;

impl Ctx<'_> {
    pub(super) fn plan_kms_key(
        &mut self,
        k: &crate::plan::KmsKey,
    ) -> Result<(), crate::export::ExportError> {
        let short = self.short(&k.id);
        let count = k.count.clamp(1, 25);
        for n in 1..=count {
            let base = if count == 1 { format!("{short}-key") } else { format!("{short}-key-{n}") };
            let name = self.unique(&base);
            let description = format!(
                "drplan: customer-managed key {n} of {count} (component {})",
                super::describe_id(&k.id)
            );
            self.keys.push(key_resource(
                &name,
                StackId::Primary,
                Some(&k.id),
                description,
                k.rotation,
                None,
            ));
            self.key_outputs(&name, StackId::Primary);
            self.key_option(k, &name)?;
            self.plan_keys.push(name);
        }
        if k.replica_in_dr_region
            && self.dr_region.is_some()
            && !self.keys.iter().any(|r| r.stack == StackId::Dr)
        {
            self.create_dr_key(Some(&k.id), k.rotation);
        }
        Ok(())
    }

    fn create_dr_key(&mut self, component: Option<&str>, rotation: bool) -> String {
        let name = self.unique("dr-key");
        let alias = self.dr_key_alias(StackId::Dr);
        let description = "drplan: key for replicas and copies in the DR region".to_string();
        self.keys.push(key_resource(
            &name,
            StackId::Dr,
            component,
            description,
            rotation,
            Some(alias),
        ));
        self.key_outputs(&name, StackId::Dr);
        if component.is_none() {
            self.notes.additions.push("A KMS key in the DR region (the plan has no kms_key with replica_in_dr_region): replicas and copies there are encrypted with a customer-managed key.".into());
        }
        name
    }

    /// `alias/<project_name>/dr`, the name other stacks use for the DR key.
    fn dr_key_alias(&mut self, stack: StackId) -> Expr {
        let project = self.use_param(stack, "project_name");
        Expr::join(vec![lit("alias/"), project, lit("/dr")])
    }

    /// The primary key that encrypts infrastructure (topics, logs, vaults, function
    /// environments); created by the export when the plan has no `kms_key`.
    pub fn infra_key(&mut self) -> String {
        if let Some(first) = self.plan_keys.first() {
            return first.clone();
        }
        let name = self.unique("export-key");
        self.keys.push(key_resource(
            &name,
            StackId::Primary,
            None,
            "drplan: key for topics, logs and backups".into(),
            true,
            None,
        ));
        self.key_outputs(&name, StackId::Primary);
        self.notes.additions.push("A KMS key in the primary region (the plan has no kms_key component): SNS topics, log groups, Lambda environments and backup vaults are encrypted with a customer-managed key (about $1 a month).".into());
        self.plan_keys.push(name.clone());
        name
    }

    /// Outputs of a key: its id and ARN (seed 003's kms_key_id and kms_key_arn).
    fn key_outputs(&mut self, name: &str, stack: StackId) {
        self.output(
            &format!("{name}-id"),
            stack,
            super::expr::attr(name, super::expr::Attr::Id),
            format!("Id of KMS key {name}"),
        );
        self.output(
            &format!("{name}-arn"),
            stack,
            super::expr::attr(name, super::expr::Attr::Arn),
            format!("ARN of KMS key {name}"),
        );
    }

    /// The key for the `n`-th data store of the plan: the plan's keys in turn.
    pub fn data_key(&mut self, n: usize) -> String {
        let first = self.infra_key();
        match self.plan_keys.len() {
            0 => first,
            len => self.plan_keys[n % len].clone(),
        }
    }

    /// The DR key's resource name, if the model has one.
    pub fn dr_key_name(&self) -> Option<String> {
        self.keys.iter().find(|r| r.stack == StackId::Dr).map(|r| r.name.clone())
    }

    /// The DR key's resource name (the key is created on first use).
    pub fn dr_key(&mut self) -> String {
        let existing = self.keys.iter().find(|r| r.stack == StackId::Dr).map(|r| r.name.clone());
        match existing {
            Some(n) => n,
            None => self.create_dr_key(None, true),
        }
    }

    /// The DR key (created on first use). From the primary stack it is a cross-stack
    /// reference whose by-name form is the alias ARN, for fields that accept one.
    pub fn dr_key_arn(&mut self, from: StackId) -> Expr {
        let name = self.dr_key();
        match from {
            StackId::Dr => super::expr::attr(&name, super::expr::Attr::Arn),
            StackId::Primary | StackId::Account => {
                let alias = self.dr_key_alias(from);
                let dr = self.dr_region_expr(from);
                super::expr::cross(
                    &name,
                    super::expr::Attr::Arn,
                    arn("kms", dr, account(), vec![alias]),
                )
            }
        }
    }

    /// Any key of the DR region, as a policy resource: the DR key itself where one
    /// configuration holds both regions, `key/*` in the DR region otherwise (the
    /// statement then carries a `kms:ResourceAliases` condition).
    pub fn dr_keys_resource(&mut self) -> Expr {
        let name = self.dr_key();
        let dr = self.dr_region_expr(StackId::Primary);
        super::expr::cross(
            &name,
            super::expr::Attr::Arn,
            arn("kms", dr, account(), vec![lit("key/*")]),
        )
    }

    /// The DR key's ARN for fields that take a key ARN only (not an alias): an input
    /// filled from the DR stack's output where stacks deploy separately.
    pub fn dr_key_arn_input(&mut self) -> Expr {
        let name = self.dr_key();
        if !self.has_param(DR_KEY_ARN) {
            let mut p = param(
                DR_KEY_ARN,
                ParamKind::KeyArn,
                Some(String::new()),
                "ARN of the DR stack's KMS key (its output DrKeyArn); cross-region automated backups start once it is set",
            );
            p.from_output = Some(format!("{name}-arn"));
            self.define_param(p);
        }
        let by_name = self.use_param(StackId::Primary, DR_KEY_ARN);
        super::expr::cross(&name, super::expr::Attr::Arn, by_name)
    }

    /// Adds a key-policy statement (once per sid) to a key.
    pub fn add_key_statement(&mut self, key: &str, statement: Statement) {
        if let Some(Resource { kind: Kind::Key(k), .. }) =
            self.keys.iter_mut().find(|r| r.name == key)
        {
            if !k.statements.iter().any(|s| s.sid == statement.sid) {
                k.statements.push(statement);
            }
        }
    }

    /// Lets CloudWatch Logs in the key's region encrypt log groups with it.
    pub fn allow_logs(&mut self, key: &str) {
        let service = Expr::join(vec![lit("logs."), super::expr::region(), lit(".amazonaws.com")]);
        let log_groups = arn("logs", super::expr::region(), account(), vec![lit("log-group:*")]);
        let s = Statement {
            sid: "AllowCloudWatchLogs".into(),
            effect: Effect::Allow,
            principal: Some(Principal::Service(service)),
            actions: [
                "kms:Encrypt*",
                "kms:Decrypt*",
                "kms:ReEncrypt*",
                "kms:GenerateDataKey*",
                "kms:Describe*",
            ]
            .map(String::from)
            .to_vec(),
            resources: vec![lit("*")],
            conditions: vec![super::expr::Condition {
                test: "ArnLike",
                key: "kms:EncryptionContext:aws:logs:arn".into(),
                values: vec![log_groups],
            }],
            nag_reason: None,
        };
        self.add_key_statement(key, s);
    }

    /// Lets a service that publishes to topics encrypted with the key use it, with
    /// the statement the SNS developer guide gives for AWS event sources (and no
    /// conditions: the service's KMS requests do not all carry source keys).
    pub fn allow_service_publish(&mut self, key: &str, service: &str) {
        let sid = format!(
            "AllowPublishFrom{}",
            crate::export::text::pascal(service.split('.').next().unwrap_or(service))
        );
        let s = Statement {
            sid,
            effect: Effect::Allow,
            principal: Some(Principal::Service(lit(service))),
            actions: vec!["kms:GenerateDataKey*".into(), "kms:Decrypt".into()],
            resources: vec![lit("*")],
            conditions: Vec::new(),
            nag_reason: None,
        };
        self.add_key_statement(key, s);
    }
}

fn key_resource(
    name: &str,
    stack: StackId,
    component: Option<&str>,
    description: String,
    rotation: bool,
    alias: Option<Expr>,
) -> Resource {
    let mut skips = Vec::new();
    if !rotation {
        skips.push(Skip {
            tool: Tool::Checkov,
            rule: "CKV_AWS_7".into(),
            reason: "the plan turns key rotation off (kms_key.rotation: false)".into(),
        });
        skips.push(Skip {
            tool: Tool::CdkNag,
            rule: "AwsSolutions-KMS5".into(),
            reason: "the plan turns key rotation off (kms_key.rotation: false)".into(),
        });
    }
    Resource::new(
        name,
        stack,
        component,
        Kind::Key(Key { description, rotation, statements: Vec::new(), alias }),
    )
    .with_skips(skips)
}
