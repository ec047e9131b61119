//! Snapshot, round-trip, suppression and well-formedness tests of the status report.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod support;

use support::{check_well_formed, embedded_report, example_report, synthetic_observations};
use tryghed_agreement::Agreement;
use tryghed_disclosure::SuppressionThreshold;
use tryghed_goals::{AreaId, Observation, Observations};
use tryghed_report::Year;
use tryghed_report::{
    Figure, ReportBuilder, ReportOptions, ReportStatus, StatusReport, render_html, render_json,
    render_markdown,
};

#[test]
fn embedded_markdown_snapshot() {
    insta::assert_snapshot!("embedded_md", render_markdown(&embedded_report()).unwrap());
}

#[test]
fn embedded_json_snapshot() {
    insta::assert_snapshot!("embedded_json", render_json(&embedded_report()).unwrap());
}

#[test]
fn example_markdown_snapshot() {
    insta::assert_snapshot!(
        "synthetic_example_md",
        render_markdown(&example_report()).unwrap()
    );
}

#[test]
fn example_json_snapshot() {
    insta::assert_snapshot!(
        "synthetic_example_json",
        render_json(&example_report()).unwrap()
    );
}

#[test]
fn json_round_trips() {
    for report in [embedded_report(), example_report()] {
        let json = render_json(&report).unwrap();
        let back: StatusReport = serde_json::from_str(&json).unwrap();
        assert_eq!(back, report);
        assert_eq!(render_json(&back).unwrap(), json);
    }
}

#[test]
fn embedded_report_says_what_is_missing_and_claims_nothing() {
    let r = embedded_report();
    assert_eq!(*r.year(), Year::new(2026).unwrap());
    assert_eq!(*r.crime_year(), Year::new(2025).unwrap());
    for s in r.summary() {
        assert!(matches!(s.status(), ReportStatus::Pending { .. }), "{s:?}");
    }
    let missing = r.missing().join("\n");
    for needle in [
        "Tryghedsundersøgelsen 2026",
        "Anmeldelser for 2025",
        "Indbyggertallet",
        "Tryghedsplanen for 2026",
        "Regnskabet",
    ] {
        assert!(missing.contains(needle), "{needle} not in {missing}");
    }
    let caveats = r.caveats().join("\n");
    assert!(
        caveats.contains("2025 er basisåret, og baseline 2025 fastlægges med den"),
        "{caveats}"
    );
    assert!(caveats.contains("ingen offentlig afgrænsning"));
    // The 2025 survey baseline comes from the agreement.
    let md = render_markdown(&r).unwrap();
    assert!(
        md.contains("| Andel trygge borgere i nabolaget | 2026 | 77 % (2025) |"),
        "{md}"
    );
}

#[test]
fn example_evaluates_the_goals() {
    let r = example_report();
    let goal = |id: &str| r.summary().iter().find(|s| s.goal() == id).unwrap();
    // Nabolag 77 % → 80 % with København at 88 %: rose, and the gap narrowed 11 → 8 points:
    // on track. Aften/nat 70 % → 71 % with København 80 % → 81 %: rose, but the gap stayed
    // at 10 points: off track, and the goal is the worse of the two.
    let row = |id: &str| r.goals().iter().find(|g| g.indicator() == id).unwrap();
    assert_eq!(row("tryg-i-nabolaget").status(), &ReportStatus::OnTrack);
    assert_eq!(row("tryg-aften-nat").status(), &ReportStatus::OffTrack);
    assert_eq!(goal("tryghed").status(), &ReportStatus::OffTrack);
    // Crime baselines are pending in the agreement: never met.
    assert!(matches!(
        goal("kriminalitet").status(),
        ReportStatus::Pending { .. }
    ));
    // 3 of 4 activities with two or more parties: exactly 75 %.
    assert_eq!(goal("samarbejde").status(), &ReportStatus::Met);
    let c = r.collaboration().as_ref().unwrap();
    assert_eq!((*c.multi_partner(), *c.total()), (Some(3), Some(4)));
    let b = r.budget().as_ref().unwrap();
    assert_eq!(b.spent().to_string(), "392.500,00 kr.");
    assert_eq!(b.remaining().to_string(), "657.500,00 kr.");
    let row = r
        .goals()
        .iter()
        .find(|g| g.indicator() == "tryg-i-nabolaget")
        .unwrap();
    assert!(row.interval().is_some());
    assert_eq!(*row.respondents(), Some(360));
}

fn with_indbrud(count: u64, threshold: Option<u64>) -> StatusReport {
    with_indbrud_options(count, threshold, false)
}

fn with_indbrud_options(count: u64, threshold: Option<u64>, unsuppressed: bool) -> StatusReport {
    let mut obs = Observations::new();
    let a = AreaId::partnership();
    obs.insert(
        Observation::count(
            "indbrud".parse().unwrap(),
            a.clone(),
            Year::new(2025).unwrap(),
            count,
        )
        .unwrap(),
    )
    .unwrap();
    obs.insert(
        Observation::count(
            "straffelov-per-1000".parse().unwrap(),
            a.clone(),
            Year::new(2025).unwrap(),
            count,
        )
        .unwrap(),
    )
    .unwrap();
    obs.insert(Observation::residents(a, Year::new(2025).unwrap(), 2_000).unwrap())
        .unwrap();
    let agreement = Agreement::folehaven();
    let mut b = ReportBuilder::new(&agreement)
        .year(Year::new(2026).unwrap())
        .observations(obs, None);
    let mut options = ReportOptions::default();
    if let Some(t) = threshold {
        options = options.with_suppression_threshold(SuppressionThreshold::new(t).unwrap());
    }
    if unsuppressed {
        options = options.unsuppressed();
    }
    b = b.options(options);
    b.build().unwrap()
}

fn crime_line<'a>(md: &'a str, name: &str) -> &'a str {
    md.lines()
        .find(|l| {
            l.starts_with(&format!("| {name} |")) || l.starts_with(&format!("| {name} (kodeliste"))
        })
        .unwrap_or_else(|| panic!("no row {name} in {md}"))
}

#[test]
fn suppression_at_the_threshold_edges() {
    // 4 < 5: suppressed in print and in the published JSON, no rate derived.
    let r = with_indbrud(4, None);
    let md = render_markdown(&r).unwrap();
    assert_eq!(
        crime_line(&md, "Indbrud"),
        "| Indbrud (kodeliste: offentlige analyser, ikke politiets gruppering) | < 5 | afventer | ukendt | afventer |"
    );
    assert!(md.contains("< 5 anmeldelser (ingen rate)"), "{md}");
    assert!(!md.contains("2,0 (4 anmeldelser"), "a rate leaked: {md}");
    let html = render_html(&r).unwrap();
    assert!(html.contains("&lt; 5"));
    assert!(
        !html.contains(">4<"),
        "the exact count leaked into the HTML"
    );
    let json: serde_json::Value = serde_json::from_str(&render_json(&r).unwrap()).unwrap();
    let indbrud = json["crime"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["indicator"] == "indbrud")
        .unwrap();
    assert_eq!(
        indbrud["series"][0]["count"],
        serde_json::json!({"status": "suppressed", "threshold": 5})
    );
    assert!(json.get("confidential").is_none());
    // Exact only when asked for, stamped, and JSON only.
    let exact = with_indbrud_options(4, None, true);
    let json: serde_json::Value = serde_json::from_str(&render_json(&exact).unwrap()).unwrap();
    assert_eq!(
        json["confidential"],
        "fortroligt – ikke til offentliggørelse"
    );
    let indbrud = json["crime"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["indicator"] == "indbrud")
        .unwrap();
    assert_eq!(
        indbrud["series"][0]["count"],
        serde_json::json!({"status": "exact", "value": 4})
    );
    assert!(render_markdown(&exact).is_err());
    assert!(render_html(&exact).is_err());

    // 5 = 5: printed.
    let r = with_indbrud(5, None);
    let md = render_markdown(&r).unwrap();
    assert_eq!(
        crime_line(&md, "Indbrud"),
        "| Indbrud (kodeliste: offentlige analyser, ikke politiets gruppering) | 5 | afventer | ukendt | afventer |"
    );
    assert!(md.contains("2,5 (5 anmeldelser, 2.000 indbyggere)"), "{md}");
    let row = r
        .goals()
        .iter()
        .find(|g| g.indicator() == "indbrud")
        .unwrap();
    assert!(matches!(row.value(), Some(Figure::Count { count }) if count.value() == Some(5)));

    // A configurable threshold: 5 < 6 is suppressed; 0 is a count like any other, and no
    // threshold switches suppression off.
    let md = render_markdown(&with_indbrud(5, Some(6))).unwrap();
    assert_eq!(
        crime_line(&md, "Indbrud"),
        "| Indbrud (kodeliste: offentlige analyser, ikke politiets gruppering) | < 6 | afventer | ukendt | afventer |"
    );
    let md = render_markdown(&with_indbrud(0, None)).unwrap();
    assert_eq!(
        crime_line(&md, "Indbrud"),
        "| Indbrud (kodeliste: offentlige analyser, ikke politiets gruppering) | < 5 | afventer | ukendt | afventer |"
    );
    assert!(SuppressionThreshold::new(0).is_err());
}

#[test]
fn example_suppresses_small_counts_in_print() {
    let md = render_markdown(&example_report()).unwrap();
    // chikane 3 and 4, narkotika 2: suppressed; vold/våben 5: shown.
    assert!(crime_line(&md, "Chikane").contains("| < 5 | < 5 |"));
    assert!(crime_line(&md, "Vold/våben").contains("| 8 | 5 |"));
    assert!(crime_line(&md, "Narkotika").contains("| 6 | < 5 |"));
}

#[test]
fn html_is_well_formed_self_contained_and_has_its_charts() {
    for report in [embedded_report(), example_report()] {
        let html = render_html(&report).unwrap();
        let tags = check_well_formed(&html);
        // Two survey panels, four crime panels and the map; the rest are legend swatches.
        let charts = html
            .matches("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\"")
            .count();
        assert_eq!(charts, 7);
        assert_eq!(
            tags.iter().filter(|t| *t == "svg").count(),
            charts + html.matches("class=\"swatch\"").count()
        );
        for id in [
            "chart-survey-1",
            "chart-survey-2",
            "chart-crime-1",
            "chart-crime-4",
            "chart-map",
        ] {
            // Each chart is an image named by its title and described in words.
            assert!(
                html.contains(&format!("id=\"{id}\" viewBox=\"0 0 460 "))
                    && html.contains(&format!(
                        "role=\"img\" aria-labelledby=\"{id}-title\" aria-describedby=\"{id}-desc\""
                    ))
                    && html.contains(&format!("<desc id=\"{id}-desc\">")),
                "{id}"
            );
        }
        // Each figure has its numbers as a table too.
        assert_eq!(html.matches("<details class=\"data\">").count(), 3);
        // No external assets.
        for bad in ["<script src", "<link", "http://", "https://", "url("] {
            let hits: Vec<_> = html.match_indices(bad).collect();
            // The SVG namespace is the only URL allowed.
            let allowed = html.matches("xmlns=\"http://www.w3.org/2000/svg\"").count();
            if bad == "http://" {
                assert_eq!(hits.len(), allowed, "external reference {bad}");
            } else {
                assert!(hits.is_empty(), "external reference {bad}");
            }
        }
        assert!(html.contains(
            "Indeholder data fra Københavns Kommune, Udsatte byområder (opendata.dk), CC BY 4.0"
        ));
        assert!(html.contains(">2025</text>"));
        assert!(html.contains("@page"));
    }
}

#[test]
fn html_escapes_input_text() {
    let html = render_html(&example_report()).unwrap();
    assert!(html.contains("bedre belysning &lt;stier&gt;"));
    assert!(!html.contains("<stier>"));
    let md = render_markdown(&example_report()).unwrap();
    assert!(
        md.contains("udkast \\| klar i august"),
        "a pipe must not break the table"
    );
}

#[test]
fn crime_chart_draws_the_baseline_this_report_fixes() {
    // Without the 2025 counts there is nothing to draw, and the page says so.
    let html = render_html(&embedded_report()).unwrap();
    assert!(html.contains(
        "Baseline 2025 fastlægges med denne afrapportering, men tallene for 2025 mangler"
    ));
    assert!(html.contains("Ingen tal for 2025"));
    // With them, the line is drawn at the 2025 figures and labelled so.
    let html = render_html(&example_report()).unwrap();
    assert!(html.contains("den stiplede linje viser 2025-tallene, som bliver baseline"));
    assert!(html.contains(">baseline 2025 (fastlægges nu)</text>"));
    assert!(html.contains("Stiplet linje: baseline 2025 (fastlægges nu), "));
}

#[test]
fn contradicting_the_agreement_is_an_error() {
    let mut obs = Observations::new();
    obs.insert(
        Observation::share(
            "tryg-i-nabolaget".parse().unwrap(),
            AreaId::partnership(),
            Year::new(2025).unwrap(),
            "78%".parse().unwrap(),
            None,
        )
        .unwrap(),
    )
    .unwrap();
    let agreement = Agreement::folehaven();
    let err = ReportBuilder::new(&agreement)
        .observations(obs, None)
        .build()
        .unwrap_err()
        .to_string();
    assert!(err.contains("contradicts the agreement"), "{err}");
}

#[test]
fn default_year_follows_the_observations() {
    let agreement = Agreement::folehaven();
    let r = ReportBuilder::new(&agreement)
        .observations(synthetic_observations(), None)
        .build()
        .unwrap();
    assert_eq!(*r.year(), Year::new(2026).unwrap());
    assert_eq!(*r.crime_year(), Year::new(2025).unwrap());
}
