//! The recovery chart: achieved RPO and RTO per scenario (best to worst case) against
//! the targets, on a logarithmic scale of time. A range whose best case equals its
//! worst is drawn as a dot, so no figure vanishes; targets are ticks, solid for RPO
//! and dashed for RTO, named in the legend below the plot.

use plotters::coord::combinators::BindKeyPoints;
use plotters::coord::Shift;
use plotters::prelude::*;

use super::{
    draw_legend, draw_tick, err, with_legend_band, ChartResult, Mark, CAPTION_PX, PALETTE, TEXT_PX,
};
use crate::recovery::{Measure, RecoveryReport};

/// Times the axis is labelled at, in minutes: each label is exact ("1 h 40 min" is
/// never rounded to "2 h").
const TICKS_MINUTES: [f64; 13] = [
    1.0, 5.0, 15.0, 60.0, 240.0, 720.0, 1440.0, 4320.0, 10080.0, 43200.0, 129600.0, 525600.0,
    5256000.0,
];

/// Minutes in the largest unit that keeps them whole ("100 min", "4 h", "7 d").
pub fn axis_label(minutes: f64) -> String {
    let m = minutes.round();
    if m >= 1440.0 && m % 1440.0 == 0.0 {
        format!("{:.0} d", m / 1440.0)
    } else if m >= 60.0 && m % 60.0 == 0.0 {
        format!("{:.0} h", m / 60.0)
    } else {
        format!("{m:.0} min")
    }
}

/// Whether a range is too narrow to see as a bar on the log axis.
fn is_point(best: f64, worst: f64) -> bool {
    worst <= best * 1.08
}

/// `color` at 40 % over white, as a missed target's bar is drawn.
fn pale(color: RGBColor) -> RGBColor {
    let mix = |c: u8| (f64::from(c) * 0.4 + 255.0 * 0.6).round() as u8;
    RGBColor(mix(color.0), mix(color.1), mix(color.2))
}

fn target(s: &crate::recovery::ScenarioReport, measure: Measure) -> Option<f64> {
    match measure {
        Measure::Rpo => s.rpo_target_minutes,
        Measure::Rto => s.rto_target_minutes,
    }
    .map(f64::from)
}

pub fn recovery_vs_targets<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    report: &RecoveryReport,
) -> ChartResult {
    root.fill(&WHITE).map_err(err)?;
    let rows = report.scenarios.len().max(1) as f64;
    let worst = report
        .scenarios
        .iter()
        .flat_map(|s| {
            [
                s.rpo_minutes.map(|r| r.worst),
                s.rto_minutes.map(|r| r.worst),
                target(s, Measure::Rpo),
                target(s, Measure::Rto),
            ]
        })
        .flatten()
        .fold(60.0f64, f64::max);
    let legend = vec![
        ("achieved RPO, best to worst case".to_string(), Mark::Swatch(PALETTE[0])),
        ("achieved RTO, best to worst case".to_string(), Mark::Swatch(PALETTE[1])),
        ("single value (best = worst)".to_string(), Mark::Dot(RGBColor(120, 120, 120))),
        ("RPO target".to_string(), Mark::Tick { dashed: false }),
        ("RTO target".to_string(), Mark::Tick { dashed: true }),
        ("paler bar: target missed".to_string(), Mark::Swatch(pale(PALETTE[0]))),
    ];
    let (plot, band) = with_legend_band(root, &legend);
    let top = worst * 2.0;
    let ticks: Vec<f64> =
        TICKS_MINUTES.iter().copied().filter(|t| *t >= 0.5 && *t <= top).collect();
    let mut chart = ChartBuilder::on(&plot)
        .caption("Achieved RPO and RTO against the targets", ("sans-serif", CAPTION_PX))
        .margin(12)
        .x_label_area_size(48)
        .y_label_area_size(250)
        .build_cartesian_2d((0.5f64..top).log_scale().with_key_points(ticks), 0f64..rows)
        .map_err(err)?;
    let labels: Vec<String> =
        report.scenarios.iter().map(|s| s.scenario.label().to_string()).collect();
    chart
        .configure_mesh()
        .disable_y_mesh()
        .label_style(("sans-serif", TEXT_PX))
        .axis_desc_style(("sans-serif", TEXT_PX))
        .x_desc("time (log scale)")
        .x_label_formatter(&|m| axis_label(*m))
        .y_labels(report.scenarios.len().max(1) * 2 + 1)
        .y_label_formatter(&|y| {
            let i = y.floor() as usize;
            if (y - y.floor() - 0.5).abs() < 0.01 {
                labels.get(i).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        })
        .draw()
        .map_err(err)?;
    for (m, measure) in [Measure::Rpo, Measure::Rto].into_iter().enumerate() {
        let color = PALETTE[m];
        let offset = if measure == Measure::Rpo { 0.68 } else { 0.32 };
        for (i, s) in report.scenarios.iter().enumerate() {
            let y = i as f64 + offset;
            let fill = color.mix(if s.meets(measure) { 1.0 } else { 0.4 });
            match s.figure(measure) {
                Some(r) if is_point(r.best.max(0.5), r.worst.max(0.5)) => {
                    let at = (r.worst.max(0.5), y);
                    chart
                        .draw_series(std::iter::once(Circle::new(at, 8, fill.filled())))
                        .map_err(err)?;
                    chart
                        .draw_series(std::iter::once(Circle::new(at, 8, BLACK.stroke_width(1))))
                        .map_err(err)?;
                }
                Some(r) => {
                    let corners = [(r.best.max(0.5), y - 0.11), (r.worst.max(0.6), y + 0.11)];
                    chart
                        .draw_series(std::iter::once(Rectangle::new(corners, fill.filled())))
                        .map_err(err)?;
                    chart
                        .draw_series(std::iter::once(Rectangle::new(
                            corners,
                            BLACK.stroke_width(1),
                        )))
                        .map_err(err)?;
                }
                None => {
                    chart
                        .draw_series(std::iter::once(Text::new(
                            format!("{}: not recoverable", measure.label()),
                            (1.0, y + 0.08),
                            ("sans-serif", TEXT_PX).into_font().color(&RGBColor(160, 20, 20)),
                        )))
                        .map_err(err)?;
                }
            }
            if let Some(t) = target(s, measure) {
                let (x, y_px) = chart.backend_coord(&(t.max(0.5), y + 0.2));
                // `root` and the plot share their origin: backend pixels place it.
                draw_tick(root, (x, y_px), 22, measure == Measure::Rto)?;
            }
        }
    }
    draw_legend(&band, &legend)?;
    root.present().map_err(err)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_labels_are_exact_times() {
        // Decade gridlines once read "2 h" at 100 minutes and "17 h" at 1,000.
        assert_eq!(axis_label(100.0), "100 min");
        assert_eq!(axis_label(1000.0), "1000 min");
        assert_eq!(axis_label(60.0), "1 h");
        assert_eq!(axis_label(240.0), "4 h");
        assert_eq!(axis_label(1440.0), "1 d");
        assert_eq!(axis_label(4320.0), "3 d");
        for t in TICKS_MINUTES {
            assert!(!axis_label(t).contains('.'), "{t}");
        }
    }
}
