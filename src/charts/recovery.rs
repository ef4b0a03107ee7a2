//! The recovery chart: achieved RPO and RTO per scenario (best to worst, expected
//! marked) against the targets, on a logarithmic scale of time.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{err, ChartResult, PALETTE};
use crate::recovery::{Measure, RecoveryReport};

/// Minutes shown as the shortest whole unit on the axis.
fn axis_label(minutes: f64) -> String {
    match minutes {
        m if m >= 1440.0 => format!("{:.0} d", m / 1440.0),
        m if m >= 60.0 => format!("{:.0} h", m / 60.0),
        m => format!("{m:.0} min"),
    }
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
                s.rpo_target_minutes.map(f64::from),
                s.rto_target_minutes.map(f64::from),
            ]
        })
        .flatten()
        .fold(60.0f64, f64::max);
    let mut chart = ChartBuilder::on(root)
        .caption("Achieved RPO and RTO against the targets", ("sans-serif", 18))
        .margin(12)
        .x_label_area_size(32)
        .y_label_area_size(190)
        .build_cartesian_2d((0.5f64..worst * 2.0).log_scale(), 0f64..rows)
        .map_err(err)?;
    let labels: Vec<String> =
        report.scenarios.iter().map(|s| s.scenario.label().to_string()).collect();
    chart
        .configure_mesh()
        .disable_y_mesh()
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
        let offset = if measure == Measure::Rpo { 0.62 } else { 0.32 };
        let bars = report.scenarios.iter().enumerate().filter_map(move |(i, s)| {
            let r = s.figure(measure)?;
            let y = i as f64 + offset;
            Some(Rectangle::new(
                [(r.best.max(0.5), y - 0.1), (r.worst.max(0.6), y + 0.1)],
                color.mix(if s.meets(measure) { 0.9 } else { 0.45 }).filled(),
            ))
        });
        chart
            .draw_series(bars)
            .map_err(err)?
            .label(format!("achieved {} (best–worst)", measure.label()))
            .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 10, y + 5)], color.filled()));
        let targets = report.scenarios.iter().enumerate().filter_map(move |(i, s)| {
            let t = match measure {
                Measure::Rpo => s.rpo_target_minutes,
                Measure::Rto => s.rto_target_minutes,
            }? as f64;
            let y = i as f64 + offset;
            Some(PathElement::new(
                vec![(t.max(0.5), y - 0.16), (t.max(0.5), y + 0.16)],
                BLACK.stroke_width(3),
            ))
        });
        chart.draw_series(targets).map_err(err)?;
        let missing = report
            .scenarios
            .iter()
            .enumerate()
            .filter(move |(_, s)| s.figure(measure).is_none())
            .map(move |(i, _)| {
                Text::new(
                    format!("{}: not recoverable", measure.label()),
                    (1.0, i as f64 + offset - 0.05),
                    ("sans-serif", 13).into_font().color(&RED),
                )
            });
        chart.draw_series(missing).map_err(err)?;
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperRight)
        .background_style(WHITE.mix(0.85))
        .border_style(BLACK.mix(0.3))
        .draw()
        .map_err(err)?;
    root.present().map_err(err)
}
