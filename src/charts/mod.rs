//! Charts of an estimate, drawn with plotters on any backend: a canvas in the browser,
//! SVG in native tests. Drawing takes the core's report types and decides nothing.

mod recovery;

pub use recovery::recovery_vs_targets;

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::cost::Estimate;

/// Distinguishable colours (Tableau 10), reused in order.
pub const PALETTE: [RGBColor; 10] = [
    RGBColor(78, 121, 167),
    RGBColor(242, 142, 43),
    RGBColor(225, 87, 89),
    RGBColor(118, 183, 178),
    RGBColor(89, 161, 79),
    RGBColor(237, 201, 72),
    RGBColor(176, 122, 161),
    RGBColor(255, 157, 167),
    RGBColor(156, 117, 95),
    RGBColor(186, 176, 172),
];

/// A chart that could not be drawn, in words.
pub type ChartResult = Result<(), String>;

pub(crate) fn err<E: std::fmt::Debug>(e: E) -> String {
    format!("chart could not be drawn: {e:?}")
}

/// Stacked bars: each month of the ledger, split by component.
pub fn cost_by_component<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    estimate: &Estimate,
) -> ChartResult {
    root.fill(&WHITE).map_err(err)?;
    let months = estimate.ledger.len().max(1) as f64;
    let top = estimate.ledger.iter().map(|m| m.total.as_f64()).fold(0.0, f64::max).max(1.0) * 1.15;
    let mut chart = ChartBuilder::on(root)
        .caption("Monthly cost by component", ("sans-serif", 18))
        .margin(12)
        .x_label_area_size(32)
        .y_label_area_size(64)
        .build_cartesian_2d(0.5f64..months + 0.5, 0f64..top)
        .map_err(err)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_desc("Month")
        .y_desc("USD per month")
        .x_label_formatter(&|m| format!("{m:.0}"))
        .y_label_formatter(&|v| format!("${v:.0}"))
        .draw()
        .map_err(err)?;
    for (i, component) in estimate.components.iter().enumerate() {
        if component.monthly.micros() == 0
            && estimate.ledger.iter().all(|m| m.by_component.get(i).is_none_or(|c| c.micros() == 0))
        {
            continue;
        }
        let color = PALETTE[i % PALETTE.len()];
        let bars = estimate.ledger.iter().map(move |m| {
            let below: f64 = m.by_component.iter().take(i).map(|c| c.as_f64()).sum();
            let own = m.by_component.get(i).map_or(0.0, |c| c.as_f64());
            let x = m.month as f64;
            Rectangle::new([(x - 0.4, below), (x + 0.4, below + own)], color.filled())
        });
        chart
            .draw_series(bars)
            .map_err(err)?
            .label(component.id.clone())
            .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 10, y + 5)], color.filled()));
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .background_style(WHITE.mix(0.85))
        .border_style(BLACK.mix(0.3))
        .draw()
        .map_err(err)?;
    root.present().map_err(err)
}

/// Stacked areas: GB stored in each class, month by month.
pub fn storage_by_class<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    estimate: &Estimate,
) -> ChartResult {
    root.fill(&WHITE).map_err(err)?;
    let mut classes: Vec<&str> =
        estimate.ledger.iter().flat_map(|m| m.storage_gb_by_class.keys().copied()).collect();
    classes.sort_unstable();
    classes.dedup();
    let months = estimate.ledger.len().max(1) as f64;
    let top = estimate
        .ledger
        .iter()
        .map(|m| m.storage_gb_by_class.values().sum::<f64>())
        .fold(0.0, f64::max)
        .max(1.0)
        * 1.15;
    let mut chart = ChartBuilder::on(root)
        .caption("Data stored by class", ("sans-serif", 18))
        .margin(12)
        .x_label_area_size(32)
        .y_label_area_size(72)
        .build_cartesian_2d(1f64..months.max(2.0), 0f64..top)
        .map_err(err)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_desc("Month")
        .y_desc("GB")
        .x_label_formatter(&|m| format!("{m:.0}"))
        .y_label_formatter(&|v| crate::cost::usage::fmt_qty(v.round()))
        .draw()
        .map_err(err)?;
    let gb = |m: &crate::cost::LedgerMonth, class: &str| {
        m.storage_gb_by_class.get(class).copied().unwrap_or(0.0)
    };
    for (i, class) in classes.iter().enumerate() {
        let color = PALETTE[i % PALETTE.len()];
        let mut points: Vec<(f64, f64)> = estimate
            .ledger
            .iter()
            .map(|m| (m.month as f64, classes[..=i].iter().map(|c| gb(m, c)).sum()))
            .collect();
        let lower: Vec<(f64, f64)> = estimate
            .ledger
            .iter()
            .rev()
            .map(|m| (m.month as f64, classes[..i].iter().map(|c| gb(m, c)).sum()))
            .collect();
        points.extend(lower);
        chart
            .draw_series(std::iter::once(Polygon::new(points, color.mix(0.85).filled())))
            .map_err(err)?
            .label(class.to_string())
            .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 10, y + 5)], color.filled()));
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .background_style(WHITE.mix(0.85))
        .border_style(BLACK.mix(0.3))
        .draw()
        .map_err(err)?;
    root.present().map_err(err)
}

/// Renders a chart to an SVG string (native tests, printable reports).
pub fn to_svg(
    width_px: u32,
    height_px: u32,
    draw: impl FnOnce(&DrawingArea<SVGBackend, Shift>) -> ChartResult,
) -> Result<String, String> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (width_px, height_px)).into_drawing_area();
        draw(&root)?;
    }
    Ok(svg)
}
