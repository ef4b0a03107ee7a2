//! The charts render natively to SVG from real estimates; the SVGs are kept as golden
//! files (`tests/cases/<preset>/charts/`) so a change in drawing shows up in review.

mod support;
#[path = "support/synthetic.rs"]
mod synthetic;

use drplan::charts::{cost_by_component, storage_by_class, to_svg};
use drplan::cost::estimate;
use drplan::presets::PRESETS;

#[test]
fn every_preset_draws_both_charts() {
    let mut results = Vec::new();
    for preset in PRESETS {
        let e = estimate(&preset.plan());
        let costs = to_svg(900, 420, |root| cost_by_component(root, &e)).unwrap();
        let storage = to_svg(900, 420, |root| storage_by_class(root, &e)).unwrap();
        // A bar per month for the largest component, and its name in the legend.
        let largest = e.components.iter().max_by_key(|c| c.monthly).unwrap();
        assert!(costs.contains(&largest.id), "{}: legend lacks {}", preset.id, largest.id);
        assert!(costs.matches("<rect").count() >= e.ledger.len(), "{}: too few bars", preset.id);
        assert!(storage.contains("<polygon"), "{}: no areas", preset.id);
        results.push(support::check_golden(
            &format!("{}/charts/cost-by-component.svg", preset.id),
            &costs,
        ));
        results.push(support::check_golden(
            &format!("{}/charts/storage-by-class.svg", preset.id),
            &storage,
        ));
    }
    support::assert_all(results);
}

/// Past ten components the chart of cost by component keeps its ten colours: the
/// nine costliest over the months charted, then all the others as one series that
/// says how many they are.
#[test]
fn many_components_chart_as_the_costliest_nine_and_the_others() {
    use drplan::charts::MAX_COMPONENT_SERIES;
    use drplan::money::Money;
    for n in [20, 50, 200] {
        let e = estimate(&synthetic::mixed(n));
        let svg = to_svg(900, 420, |root| cost_by_component(root, &e)).unwrap();
        let total = |i: usize| -> Money { e.ledger.iter().map(|m| m.by_component[i]).sum() };
        let costing: Vec<usize> =
            (0..e.components.len()).filter(|&i| total(i) > Money::ZERO).collect();
        assert!(costing.len() > MAX_COMPONENT_SERIES, "{n}: {} cost something", costing.len());
        let mut by_cost = costing.clone();
        by_cost.sort_by_key(|&i| std::cmp::Reverse(total(i)));
        let (kept, others) = by_cost.split_at(MAX_COMPONENT_SERIES - 1);
        // plotters writes a text on a line of its own.
        let label = |i: usize| format!(">\n{}\n</text>", e.components[i].id);
        for &i in kept {
            assert!(svg.contains(&label(i)), "{n}: {} not in the legend", e.components[i].id);
        }
        for &i in others {
            assert!(!svg.contains(&label(i)), "{n}: {} in the legend", e.components[i].id);
        }
        assert!(svg.contains(&format!(">\n{} other components\n</text>", others.len())), "{n}");
        // Ten bars a month, the legend's ten swatches and the backgrounds, not a bar
        // per component.
        let rects = svg.matches("<rect").count();
        let months = e.ledger.len();
        assert!(
            (MAX_COMPONENT_SERIES * months..=MAX_COMPONENT_SERIES * (months + 1) + 20)
                .contains(&rects),
            "{n}: {rects} rects"
        );
    }
}

#[test]
fn an_empty_plan_still_draws() {
    let e = estimate(&drplan::plan::Plan::default());
    assert!(to_svg(400, 300, |root| cost_by_component(root, &e)).is_ok());
    assert!(to_svg(400, 300, |root| storage_by_class(root, &e)).is_ok());
}

#[test]
fn every_preset_draws_its_recovery_chart() {
    let mut results = Vec::new();
    for preset in PRESETS {
        let plan = preset.plan();
        let report = drplan::recovery::assess(&plan);
        let svg =
            to_svg(900, 360, |root| drplan::charts::recovery_vs_targets(root, &report)).unwrap();
        assert!(svg.contains("RPO"), "{}: legend", preset.id);
        let unrecoverable = report.scenarios.iter().filter(|s| s.rpo_minutes.is_none()).count();
        assert_eq!(svg.matches("RPO: not recoverable").count(), unrecoverable, "{}", preset.id);
        results.push(support::check_golden(&format!("{}/charts/recovery.svg", preset.id), &svg));
    }
    support::assert_all(results);
}

/// Every `font-size` in an SVG, in pixels.
fn font_sizes(svg: &str) -> Vec<f64> {
    svg.split("font-size=\"").skip(1).filter_map(|s| s.split('"').next()?.parse().ok()).collect()
}

#[test]
fn charts_are_readable_on_a_projector_with_human_labels() {
    let plan = drplan::presets::find("s3-glacier-backup").unwrap().plan();
    let e = estimate(&plan);
    let report = drplan::recovery::assess(&plan);
    let svgs = [
        to_svg(880, 380, |root| cost_by_component(root, &e)).unwrap(),
        to_svg(880, 380, |root| storage_by_class(root, &e)).unwrap(),
        to_svg(880, 340, |root| drplan::charts::recovery_vs_targets(root, &report)).unwrap(),
    ];
    // plotters writes an SVG font size as the text size ÷ 1.24 (the canvas takes the
    // size itself): every text is drawn at TEXT_PX or more.
    for svg in &svgs {
        let sizes = font_sizes(svg);
        assert!(!sizes.is_empty());
        let least = drplan::charts::TEXT_PX as f64 / 1.24 - 0.01;
        assert!(sizes.iter().all(|&s| s >= least), "{sizes:?}");
    }
    // Storage classes in words, not ids.
    assert!(svgs[1].contains("S3 Standard"), "storage legend");
    for id in ["standard_ia", "deep_archive", "dynamodb_backups", "glacier_flexible_retrieval"] {
        assert!(!svgs[1].contains(id), "{id} in the storage chart");
    }
    // Every case is drawn: a range whose best equals its worst becomes a dot.
    let single = report
        .scenarios
        .iter()
        .flat_map(|s| [s.rpo_minutes, s.rto_minutes])
        .flatten()
        .filter(|r| r.worst <= r.best.max(0.5) * 1.08)
        .count();
    assert!(single > 0, "s3-glacier-backup has 15-minute and 65-minute RTOs with no spread");
    // Each dot is filled and outlined; the legend has one more.
    assert!(svgs[2].matches("<circle").count() > 2 * single);
    // Both target kinds are named in the legend.
    assert!(svgs[2].contains("RPO target") && svgs[2].contains("RTO target"));
}
