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

/// Size of every chart's text in canvas pixels. The app draws on an 880-pixel-wide
/// canvas shown at least as wide at 1280 pixels, so this is ≥ 14 px on a projector.
pub const TEXT_PX: u32 = 16;
/// Size of a chart's title in canvas pixels.
pub const CAPTION_PX: u32 = 20;
/// Height of one row of the legend, below the plot (never over the data).
const LEGEND_ROW_PX: u32 = 26;

/// How a legend entry is drawn.
#[derive(Clone, Copy)]
pub(crate) enum Mark {
    /// A filled box in a colour.
    Swatch(RGBColor),
    /// A vertical tick, solid or dashed (a target).
    Tick { dashed: bool },
    /// A filled circle (a single value: best equals worst).
    Dot(RGBColor),
}

/// The rows a legend of `labels` needs on `width_px`.
fn legend_rows(labels: &[(String, Mark)], width_px: u32) -> u32 {
    let mut rows = 1;
    let mut x = 0;
    for (label, _) in labels {
        let w = entry_width(label);
        if x > 0 && x + w > width_px.saturating_sub(24) {
            rows += 1;
            x = 0;
        }
        x += w;
    }
    rows
}

fn entry_width(label: &str) -> u32 {
    // An estimate of the text's width: about 0.55 em a character.
    36 + (label.chars().count() as u32 * TEXT_PX * 55 / 100)
}

/// Splits `root` into the plot and a legend band below it, big enough for `labels`.
pub(crate) fn with_legend_band<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    labels: &[(String, Mark)],
) -> (DrawingArea<DB, Shift>, DrawingArea<DB, Shift>) {
    let (w, h) = root.dim_in_pixel();
    let band = (legend_rows(labels, w) * LEGEND_ROW_PX + 10).min(h / 2);
    root.split_vertically(h.saturating_sub(band))
}

/// Draws the legend entries left to right, wrapping, in `area`.
pub(crate) fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    labels: &[(String, Mark)],
) -> ChartResult {
    let (w, _) = area.dim_in_pixel();
    let font = ("sans-serif", TEXT_PX).into_font().color(&BLACK);
    let (mut x, mut y) = (16i32, 6i32);
    for (label, mark) in labels {
        let width = entry_width(label) as i32;
        if x > 16 && x + width > w as i32 - 8 {
            x = 16;
            y += LEGEND_ROW_PX as i32;
        }
        let mid = y + LEGEND_ROW_PX as i32 / 2 - 2;
        match *mark {
            Mark::Swatch(color) => {
                area.draw(&Rectangle::new([(x, mid - 7), (x + 22, mid + 7)], color.filled()))
                    .map_err(err)?;
                area.draw(&Rectangle::new(
                    [(x, mid - 7), (x + 22, mid + 7)],
                    BLACK.stroke_width(1),
                ))
                .map_err(err)?;
            }
            Mark::Tick { dashed } => draw_tick(area, (x + 11, mid - 10), 20, dashed)?,
            Mark::Dot(color) => {
                area.draw(&Circle::new((x + 11, mid), 7, color.filled())).map_err(err)?;
                area.draw(&Circle::new((x + 11, mid), 7, BLACK.stroke_width(1))).map_err(err)?;
            }
        }
        area.draw(&Text::new(label.clone(), (x + 30, mid - TEXT_PX as i32 / 2 - 1), font.clone()))
            .map_err(err)?;
        x += width;
    }
    Ok(())
}

/// A vertical tick of `length` pixels from `top`: solid, or dashed (so the two target
/// kinds differ without colour, as in print).
pub(crate) fn draw_tick<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    top: (i32, i32),
    length: i32,
    dashed: bool,
) -> ChartResult {
    let (x, y) = top;
    if dashed {
        let mut at = y;
        while at < y + length {
            let end = (at + 4).min(y + length);
            area.draw(&PathElement::new(vec![(x, at), (x, end)], BLACK.stroke_width(3)))
                .map_err(err)?;
            at += 7;
        }
        Ok(())
    } else {
        area.draw(&PathElement::new(vec![(x, y), (x, y + length)], BLACK.stroke_width(3)))
            .map_err(err)
    }
}

/// A storage class of the ledger in words ("S3 Standard-IA", "DynamoDB backups").
pub fn storage_class_label(id: &str) -> String {
    use crate::plan::StorageClass;
    if let Some(class) = StorageClass::ALL.iter().find(|c| c.id() == id) {
        return class.label().to_string();
    }
    match id {
        "dynamodb_backups" => "DynamoDB backups",
        "database_backups" => "RDS and Aurora snapshots",
        "aws_backup_warm" => "AWS Backup vault (warm)",
        "aws_backup_cold" => "AWS Backup vault (cold)",
        "cloudwatch_logs" => "CloudWatch Logs",
        other => other,
    }
    .to_string()
}

/// A chart that could not be drawn, in words.
pub type ChartResult = Result<(), String>;

pub(crate) fn err<E: std::fmt::Debug>(e: E) -> String {
    format!("chart could not be drawn: {e:?}")
}

/// Most bar series in the chart of cost by component: one colour each, a legend
/// people can read, and a chart drawn fast enough to follow edits (a plan of 200
/// buckets drew 24,000 bars, 45 ms of an edit in the browser's profiler).
pub const MAX_COMPONENT_SERIES: usize = PALETTE.len();

/// One stacked series of the chart of cost by component: its legend label, colour
/// and cost in each month of the ledger.
struct Bars {
    label: String,
    color: RGBColor,
    per_month: Vec<f64>,
}

/// The series of the chart of cost by component: every component that costs
/// something in some month, in plan order, or, when there are more than
/// [`MAX_COMPONENT_SERIES`], the costliest over the ledger's months (one fewer) and
/// one series of all the others together, in the last colour.
fn component_bars(estimate: &Estimate) -> Vec<Bars> {
    let cost =
        |i: usize, m: &crate::cost::LedgerMonth| m.by_component.get(i).map_or(0.0, |c| c.as_f64());
    let shown: Vec<usize> = (0..estimate.components.len())
        .filter(|&i| {
            estimate.components[i].monthly.micros() != 0
                || estimate
                    .ledger
                    .iter()
                    .any(|m| m.by_component.get(i).is_some_and(|c| c.micros() != 0))
        })
        .collect();
    let bars = |i: usize, color: RGBColor| Bars {
        label: estimate.components[i].id.clone(),
        color,
        per_month: estimate.ledger.iter().map(|m| cost(i, m)).collect(),
    };
    if shown.len() <= MAX_COMPONENT_SERIES {
        return shown.iter().map(|&i| bars(i, PALETTE[i % PALETTE.len()])).collect();
    }
    // The costliest over the months charted (money sums exactly; ties in plan order).
    let total = |i: usize| -> crate::money::Money {
        estimate.ledger.iter().filter_map(|m| m.by_component.get(i).copied()).sum()
    };
    let mut by_cost = shown.clone();
    by_cost.sort_by_key(|&i| std::cmp::Reverse(total(i)));
    let mut kept = by_cost[..MAX_COMPONENT_SERIES - 1].to_vec();
    kept.sort_unstable();
    let mut series: Vec<Bars> =
        kept.iter().enumerate().map(|(k, &i)| bars(i, PALETTE[k])).collect();
    let others: Vec<usize> = shown.iter().copied().filter(|i| !kept.contains(i)).collect();
    series.push(Bars {
        label: format!("{} other components", others.len()),
        color: PALETTE[MAX_COMPONENT_SERIES - 1],
        per_month: estimate
            .ledger
            .iter()
            .map(|m| others.iter().map(|&i| cost(i, m)).sum())
            .collect(),
    });
    series
}

/// Stacked bars: each month of the ledger, split by component.
pub fn cost_by_component<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    estimate: &Estimate,
) -> ChartResult {
    root.fill(&WHITE).map_err(err)?;
    let months = estimate.ledger.len().max(1) as f64;
    let top = estimate.ledger.iter().map(|m| m.total.as_f64()).fold(0.0, f64::max).max(1.0) * 1.15;
    let series = component_bars(estimate);
    let legend: Vec<(String, Mark)> =
        series.iter().map(|b| (b.label.clone(), Mark::Swatch(b.color))).collect();
    let (plot, band) = with_legend_band(root, &legend);
    let mut chart = ChartBuilder::on(&plot)
        .caption("Monthly cost by component", ("sans-serif", CAPTION_PX))
        .margin(12)
        .x_label_area_size(48)
        .y_label_area_size(84)
        .build_cartesian_2d(0.5f64..months + 0.5, 0f64..top)
        .map_err(err)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .label_style(("sans-serif", TEXT_PX))
        .axis_desc_style(("sans-serif", TEXT_PX))
        .x_desc("Month")
        .y_desc("USD per month")
        .x_label_formatter(&|m| format!("{m:.0}"))
        .y_label_formatter(&|v| format!("${v:.0}"))
        .draw()
        .map_err(err)?;
    // Each month's bars stack from the axis, series by series.
    let mut below = vec![0.0; estimate.ledger.len()];
    for b in &series {
        let color = b.color;
        let bars =
            estimate.ledger.iter().zip(&b.per_month).zip(&mut below).map(|((m, own), below)| {
                let x = m.month as f64;
                let bar =
                    Rectangle::new([(x - 0.4, *below), (x + 0.4, *below + own)], color.filled());
                *below += own;
                bar
            });
        chart.draw_series(bars).map_err(err)?;
    }
    draw_legend(&band, &legend)?;
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
    let legend: Vec<(String, Mark)> = classes
        .iter()
        .enumerate()
        .map(|(i, c)| (storage_class_label(c), Mark::Swatch(PALETTE[i % PALETTE.len()])))
        .collect();
    let (plot, band) = with_legend_band(root, &legend);
    let mut chart = ChartBuilder::on(&plot)
        .caption("Data stored by class", ("sans-serif", CAPTION_PX))
        .margin(12)
        .x_label_area_size(48)
        .y_label_area_size(92)
        .build_cartesian_2d(1f64..months.max(2.0), 0f64..top)
        .map_err(err)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .label_style(("sans-serif", TEXT_PX))
        .axis_desc_style(("sans-serif", TEXT_PX))
        .x_desc("Month")
        .y_desc("GB")
        .x_label_formatter(&|m| format!("{m:.0}"))
        .y_label_formatter(&|v| crate::cost::usage::fmt_qty(v.round()))
        .draw()
        .map_err(err)?;
    let gb = |m: &crate::cost::LedgerMonth, class: &str| {
        m.storage_gb_by_class.get(class).copied().unwrap_or(0.0)
    };
    for i in 0..classes.len() {
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
            .map_err(err)?;
    }
    draw_legend(&band, &legend)?;
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
