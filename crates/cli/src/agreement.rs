//! `tryghed agreement`: print the agreement.

use std::fmt::Write as _;
use std::path::PathBuf;

use tryghed_agreement::Agreement;
use tryghed_parties::{BodyKind, Party};

use crate::common::{CliError, Format, danish_date, load_agreement, to_json};
use crate::output::Destination;

/// Print the agreement: parties with kind and parent, organisation, period, focus areas and
/// amendments.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  tryghed agreement\n  tryghed agreement --format json\n  tryghed agreement --agreement tingbjerg-husum.toml\n  tryghed agreement --source -o aftale.toml   (the agreement file, to append an amendment to)"
)]
pub(crate) struct Args {
    /// An agreement file in TOML (default: the embedded Folehaven agreement).
    #[arg(long, value_name = "FILE")]
    agreement: Option<PathBuf>,
    /// Print the agreement file itself (TOML), checked, e.g. to append the amendment that
    /// `tryghed baseline` writes.
    #[arg(long, conflicts_with = "format")]
    source: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    format: Format,
    /// Write to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

pub(crate) fn run(args: &Args) -> Result<(), CliError> {
    let destination = Destination::new(args.output.as_deref(), &[args.agreement.as_deref()])?;
    let agreement = load_agreement(args.agreement.as_deref())?;
    if args.source {
        let text = match &args.agreement {
            Some(path) => crate::common::read_text(path)?,
            None => tryghed_agreement::FOLEHAVEN_TOML.to_owned(),
        };
        return destination.write(&text);
    }
    let text = match args.format {
        Format::Json => to_json(&agreement)?,
        Format::Text => text(&agreement),
    };
    destination.write(&text)
}

fn party_line(agreement: &Agreement, party: &Party) -> String {
    let mut line = party.name().to_owned();
    if let Some(abbreviation) = party.abbreviation()
        && abbreviation != party.name()
    {
        let _ = write!(line, " ({abbreviation})");
    }
    let _ = write!(line, " — {}", party.kind().label_da());
    if let Some(parent) = party.parent().and_then(|id| agreement.parties().get(id)) {
        let _ = write!(line, " under {}", parent.name());
    }
    for identifier in party.identifiers() {
        let _ = write!(line, ", {} {}", identifier.scheme(), identifier.id());
    }
    line
}

/// The organisation section: bodies with their rules, the secretariat and posts.
fn organisation(out: &mut String, agreement: &Agreement) {
    let governance = agreement.organisation();
    let _ = writeln!(out, "\nOrganisering:");
    for body in governance.bodies() {
        let mut line = format!("  - {}", body.name());
        for rule in governance
            .meeting_rules()
            .iter()
            .filter(|r| r.body() == body.kind())
        {
            match rule.max_per_year() {
                Some(max) if max == rule.min_per_year() => {
                    let _ = write!(line, "; mødes {max} gange om året");
                }
                Some(max) => {
                    let _ = write!(line, "; mødes {}–{max} gange om året", rule.min_per_year());
                }
                None => {
                    let _ = write!(
                        line,
                        "; mødes mindst {} gang{} om året",
                        rule.min_per_year(),
                        if rule.min_per_year() == 1 { "" } else { "e" }
                    );
                }
            }
        }
        for rule in governance
            .representation_rules()
            .iter()
            .filter(|r| r.body() == body.kind())
        {
            let required: Vec<&str> = agreement
                .parties()
                .iter()
                .filter(|party| rule.requirement().requires(party))
                .map(|party| party.abbreviation().unwrap_or(party.name()))
                .collect();
            let _ = write!(
                line,
                "; skal have repræsentanter for {}",
                required.join(", ")
            );
        }
        if body.kind() == BodyKind::Secretariat
            && let Some(secretariat) = agreement.secretariat()
        {
            let _ = write!(
                line,
                "; varetages af {}",
                party_line(agreement, secretariat)
            );
        }
        let _ = writeln!(out, "{line}");
    }
    for post in governance.posts() {
        let holder = agreement
            .parties()
            .get(post.held_by())
            .map_or(post.held_by().as_str(), Party::name);
        let mut line = format!("  Stilling: {} ({holder})", post.title());
        if let Some(fte) = post.fte() {
            let _ = write!(line, ", {} årsværk", fte.to_string().replace('.', ","));
        }
        let _ = writeln!(out, "{line}");
    }
}

/// The agreement for people, in Danish.
fn text(agreement: &Agreement) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", agreement.title());
    let _ = writeln!(out, "{}", "=".repeat(agreement.title().chars().count()));
    if let Some(purpose) = agreement.purpose() {
        let _ = writeln!(out, "{purpose}");
    }
    let period = agreement.period();
    let _ = writeln!(
        out,
        "\nPeriode: {} til og med {}",
        danish_date(period.start()),
        danish_date(period.end())
    );
    if !agreement.earlier_periods().is_empty() {
        let earlier: Vec<String> = agreement
            .earlier_periods()
            .iter()
            .map(ToString::to_string)
            .collect();
        let _ = writeln!(out, "Tidligere perioder: {}", earlier.join(", "));
    }
    if let Some(decision) = agreement.decision() {
        let _ = writeln!(
            out,
            "Beslutning: {}, {}: {}",
            decision.body(),
            danish_date(decision.date()),
            decision.summary()
        );
    }
    if let Some(district) = agreement.district() {
        let _ = writeln!(out, "Bydel: {district}");
    }

    let _ = writeln!(out, "\nDeltagere ({}):", agreement.participant_ids().len());
    for party in agreement.participants() {
        let _ = writeln!(out, "  - {}", party_line(agreement, party));
    }
    let signatories: Vec<&str> = agreement.signatories().map(Party::name).collect();
    let _ = writeln!(
        out,
        "\nAftaleparter (underskrivere): {}",
        signatories.join(", ")
    );
    let others: Vec<&Party> = agreement
        .parties()
        .iter()
        .filter(|p| !agreement.participant_ids().contains(p.id()))
        .collect();
    if !others.is_empty() {
        let _ = writeln!(out, "\nØvrige parter og enheder:");
        for party in others {
            let _ = writeln!(out, "  - {}", party_line(agreement, party));
        }
    }

    organisation(&mut out, agreement);

    let _ = writeln!(out, "\nIndsatsområder:");
    for (i, area) in agreement.focus_areas().iter().enumerate() {
        let _ = writeln!(out, "  {}. {}", i + 1, area.name());
    }

    let _ = writeln!(out, "\nTillæg:");
    if agreement.amendments().is_empty() {
        let _ = writeln!(out, "  ingen endnu");
    }
    for amendment in agreement.amendments() {
        let _ = writeln!(
            out,
            "  - {}: {}",
            danish_date(amendment.date()),
            amendment.title()
        );
        if let Some(description) = amendment.description() {
            let _ = writeln!(out, "    {description}");
        }
        let fixed: Vec<String> = amendment
            .baselines()
            .iter()
            .map(|b| match b.baseline().year() {
                Some(year) => format!("{} ({year})", b.indicator()),
                None => b.indicator().to_string(),
            })
            .collect();
        if !fixed.is_empty() {
            let _ = writeln!(out, "    Fastlægger baseline for: {}", fixed.join(", "));
        }
    }
    if !agreement.caveats().is_empty() {
        let _ = writeln!(out, "\nForbehold i hver afrapportering:");
        for caveat in agreement.caveats() {
            let _ = writeln!(out, "  - {caveat}");
        }
    }
    out
}
