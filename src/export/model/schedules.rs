//! EventBridge schedules that run backup functions, each telling the function what
//! kind of run it is (`{"backup_type": ...}`).

use super::build::Ctx;
use super::expr::{lit, Expr};
use super::kinds::{Kind, Rule, RuleTarget};
use super::{Resource, StackId};
use crate::export::ExportError;
use crate::plan::Component;

/// A rule running `function` on a schedule with `{"backup_type": ...}` as input.
pub(super) fn schedule_rule(
    ctx: &mut Ctx,
    component: &str,
    base: &str,
    expression: Expr,
    function: &str,
    backup_type: &str,
) {
    let name = ctx.unique(base);
    let shown = match &expression {
        Expr::Lit(t) => crate::export::text::comment_safe(t, 60),
        _ => "the backup_schedule setting".into(),
    };
    let input = serde_json::json!({ "backup_type": backup_type });
    let rule = Rule {
        description: format!("drplan: runs {function} on {shown}"),
        schedule: Some(expression),
        pattern: None,
        targets: vec![RuleTarget::Function { function: function.to_string(), input: Some(input) }],
    };
    ctx.push(Resource::new(&name, StackId::Primary, Some(component), Kind::Rule(rule)));
}

pub(super) fn visit_schedules(ctx: &mut Ctx, c: &Component) -> Result<(), ExportError> {
    let Component::Schedule(s) = c else { return Ok(()) };
    if let Some(function) = ctx.lookup(&s.target, "function") {
        let short = ctx.short(&s.id);
        // The plan's first schedule is the `backup_schedule` setting (seed 003).
        let first = ctx.plan.components.iter().find_map(|c| match c {
            Component::Schedule(x) => Some(x.id.clone()),
            _ => None,
        });
        let expression = if first.as_deref() == Some(s.id.as_str()) {
            ctx.define_param(super::build::param(
                "backup_schedule",
                super::ParamKind::Schedule,
                Some(s.expression.clone()),
                "EventBridge schedule of the plan's first backup run (cron(...) or rate(...), UTC)",
            ));
            ctx.use_param(StackId::Primary, "backup_schedule")
        } else {
            lit(s.expression.clone())
        };
        schedule_rule(
            ctx,
            &s.id,
            &format!("{short}-schedule"),
            expression,
            &function,
            &s.backup_type,
        );
    }
    Ok(())
}
