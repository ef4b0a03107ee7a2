//! Services AWS closed to new customers: a bundle may create their resources only
//! with a stated alternative that the plan can switch to.

use drplan::export::Target;

use super::{Bundle, Rule};

pub const CLOSED_SERVICES: Rule = Rule {
    id: "closed-services-have-an-alternative",
    requires: "no resource of a service closed to new customers is created without a README that says so and names the plan option that replaces it",
    source_says: "AWS CodeCommit is no longer available to new customers. Existing customers of AWS CodeCommit can continue to use the service as normal.",
    source: "https://docs.aws.amazon.com/codecommit/latest/userguide/welcome.html",
    check: closed_services,
};

/// `(CloudFormation type, Terraform type, service, the plan option that replaces it)`.
pub const CLOSED: [(&str, &str, &str, &str); 1] =
    [("AWS::CodeCommit::Repository", "aws_codecommit_repository", "CodeCommit", "mirror_to")];

fn closed_services(b: &Bundle) -> Vec<String> {
    let mut out = Vec::new();
    for (cfn_type, tf_type, service, option) in CLOSED {
        let mut targets: Vec<Target> = b
            .templates
            .iter()
            .filter(|t| !t.of_type(cfn_type).is_empty())
            .map(|t| t.target)
            .collect();
        if b.terraform.resources(tf_type).next().is_some() {
            targets.push(Target::Terraform);
        }
        if b.model
            .resources
            .iter()
            .any(|r| matches!(r.kind, drplan::export::model::Kind::Repository(_)))
        {
            targets.extend([Target::CdkPython, Target::CdkTypescript]);
        }
        targets.sort();
        targets.dedup();
        for target in targets {
            // Markdown escapes the underscore in option names.
            let readme = b.readme(target).replace("\\_", "_");
            if !(readme.contains("no longer available to new customers")
                && readme.contains(option)
                && readme.contains(service))
            {
                out.push(format!(
                    "{} creates a {service} resource without stating the alternative ({option})",
                    target.id()
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::bundle;
    use super::*;

    #[test]
    fn closed_services_fail_without_the_alternative_in_the_readme() {
        let mut b = bundle("photo-portfolio");
        assert!(b.templates.iter().any(|t| !t.of_type("AWS::CodeCommit::Repository").is_empty()));
        for files in b.files.values_mut() {
            for f in files.iter_mut().filter(|f| f.path == "README.md") {
                f.contents =
                    f.contents.replace("no longer available to new customers", "available");
            }
        }
        assert!(!closed_services(&b).is_empty());
    }
}
