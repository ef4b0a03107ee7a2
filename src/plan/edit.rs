//! Whole-plan edits the app offers: add, duplicate, rename and remove components,
//! keeping every reference between components consistent.

use super::{Component, ComponentKind, Plan};

impl Plan {
    /// An id not used yet, `base` or `base-2`, `base-3`…, cut to the 40-character limit.
    pub fn unique_id(&self, base: &str) -> String {
        let base: String =
            base.chars().take(34).collect::<String>().trim_end_matches('-').to_string();
        let base = if base.is_empty() { "component".to_string() } else { base };
        if self.component(&base).is_none() {
            return base;
        }
        (2..).map(|n| format!("{base}-{n}")).find(|id| self.component(id).is_none()).unwrap_or(base)
    }

    /// Appends a new component of `kind` with its defaults; returns its index.
    pub fn add_component(&mut self, kind: ComponentKind) -> usize {
        let id = self.unique_id(&kind.id().replace('_', "-"));
        self.components.push(kind.new_component(&id));
        self.components.len() - 1
    }

    /// Inserts a copy after `index` under a fresh id; returns the copy's index.
    pub fn duplicate_component(&mut self, index: usize) -> Option<usize> {
        let mut copy = self.components.get(index)?.clone();
        let id = self.unique_id(&format!("{}-copy", copy.id()));
        copy.set_id(&id);
        self.components.insert(index + 1, copy);
        Some(index + 1)
    }

    /// Renames component `index` and every reference to it.
    pub fn rename_component(&mut self, index: usize, new_id: &str) {
        let Some(old) = self.components.get(index).map(|c| c.id().to_string()) else { return };
        let unique_old = self.components.iter().filter(|c| c.id() == old).count() == 1;
        self.components[index].set_id(new_id);
        if unique_old && !old.is_empty() && !new_id.is_empty() {
            self.for_each_reference(|r| {
                if *r == old {
                    *r = new_id.to_string();
                }
            });
        }
    }

    /// Removes component `index` and the references to it (lists drop it; single
    /// references are cleared, and validation then asks for a new one).
    pub fn remove_component(&mut self, index: usize) -> Option<Component> {
        if index >= self.components.len() {
            return None;
        }
        let removed = self.components.remove(index);
        let id = removed.id().to_string();
        if self.component(&id).is_none() {
            for t in &mut self.recovery_tests {
                t.components.retain(|r| *r != id);
            }
            self.drill_results.retain(|d| d.component != id);
            for c in &mut self.components {
                match c {
                    Component::BackupPlan(p) => {
                        p.protects.retain(|r| *r != id);
                        p.notify_topic = p.notify_topic.take().filter(|r| *r != id);
                    }
                    Component::LambdaFunction(f) => {
                        f.targets.retain(|r| *r != id);
                        f.notify_topic = f.notify_topic.take().filter(|r| *r != id);
                    }
                    Component::Schedule(s) if s.target == id => s.target.clear(),
                    Component::Monitoring(m) => {
                        m.notify_topic = m.notify_topic.take().filter(|r| *r != id);
                        m.alarms.retain(|a| a.component.as_deref() != Some(id.as_str()));
                    }
                    _ => {}
                }
            }
        }
        Some(removed)
    }

    /// Visits every field that names another component.
    fn for_each_reference(&mut self, mut visit: impl FnMut(&mut String)) {
        for c in &mut self.components {
            match c {
                Component::BackupPlan(p) => {
                    p.protects.iter_mut().for_each(&mut visit);
                    p.notify_topic.iter_mut().for_each(&mut visit);
                }
                Component::LambdaFunction(f) => {
                    f.targets.iter_mut().for_each(&mut visit);
                    f.notify_topic.iter_mut().for_each(&mut visit);
                }
                Component::Schedule(s) => visit(&mut s.target),
                Component::Monitoring(m) => {
                    m.notify_topic.iter_mut().for_each(&mut visit);
                    m.alarms.iter_mut().filter_map(|a| a.component.as_mut()).for_each(&mut visit);
                }
                _ => {}
            }
        }
        for t in &mut self.recovery_tests {
            t.components.iter_mut().for_each(&mut visit);
        }
        for d in &mut self.drill_results {
            visit(&mut d.component);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::plan::{validate, Component, ComponentKind};
    use crate::presets::default_plan;

    #[test]
    fn renaming_follows_every_reference() {
        let mut plan = default_plan();
        let index = plan.components.iter().position(|c| c.id() == "media").unwrap();
        plan.rename_component(index, "photos");
        assert!(validate(&plan).is_empty(), "{:?}", validate(&plan));
        let Some(Component::Monitoring(m)) = plan.component("backup-monitoring") else { panic!() };
        assert!(m.alarms.iter().any(|a| a.component.as_deref() == Some("photos")));
        assert!(plan.recovery_tests.iter().any(|t| t.components.iter().any(|c| c == "photos")));
    }

    #[test]
    fn removing_drops_references_and_duplicating_picks_a_fresh_id() {
        let mut plan = crate::presets::find("multi-az-dr").unwrap().plan();
        let table = plan.components.iter().position(|c| c.id() == "dr-table").unwrap();
        let copy = plan.duplicate_component(table).unwrap();
        assert_eq!(plan.components[copy].id(), "dr-table-copy");
        assert_eq!(
            plan.duplicate_component(table).map(|i| plan.components[i].id().to_string()).unwrap(),
            "dr-table-copy-2"
        );
        plan.remove_component(table);
        assert!(plan.component("dr-table").is_none());
        let errors: Vec<_> =
            validate(&plan).into_iter().filter(|d| d.message.contains("dr-table\"")).collect();
        assert!(errors.is_empty(), "{errors:?}");
    }

    #[test]
    fn added_components_are_valid_with_their_defaults() {
        let mut plan = crate::plan::Plan::default();
        for kind in ComponentKind::ALL {
            plan.add_component(kind);
        }
        plan.add_component(ComponentKind::S3Bucket);
        assert_eq!(plan.components.last().unwrap().id(), "s3-bucket-2");
        // Defaults may warn (e.g. a schedule without a target) but ids are all valid.
        assert!(validate(&plan).iter().all(|d| !d.path.ends_with(".id")));
    }
}
