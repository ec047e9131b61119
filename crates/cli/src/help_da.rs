//! Danish `--help` for `tryghed` and every subcommand: Danish headings, usage line, help and
//! version flags instead of clap's English ones.
//!
//! clap has no translations, so this rewrites the parts it generates: the usage line
//! (`Brug: tryghed meetings check [TILVALG] <FIL>`), the headings (`Argumenter`, `Tilvalg`,
//! `Kommandoer`), the help flag (`-h, --help  Vis denne hjælp`) and the version flag. clap's
//! lists of possible values and defaults are hidden: each Danish help text names its values
//! and its default itself.

use std::fmt::Write as _;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};

/// `command` (below `path`, e.g. `tryghed` for `meetings`; empty for the root) and its
/// subcommands with Danish help.
pub(crate) fn danish(command: Command, path: &str) -> Command {
    let name = command.get_name().to_owned();
    let path = if path.is_empty() {
        name
    } else {
        format!("{path} {name}")
    };
    let has_version = command.get_version().is_some();
    let has_subcommands = command.has_subcommands();
    let positionals: Vec<String> = command
        .get_arguments()
        .filter(|a| a.is_positional())
        .map(|a| {
            let value = a.get_value_names().and_then(|v| v.first()).map_or_else(
                || a.get_id().to_string().to_uppercase(),
                ToString::to_string,
            );
            if a.is_required_set() {
                format!("<{value}>")
            } else {
                format!("[{value}]")
            }
        })
        .collect();
    let required: Vec<String> = command
        .get_arguments()
        .filter(|a| !a.is_positional() && a.is_required_set())
        .filter_map(|a| {
            let long = a.get_long()?;
            let value = a
                .get_value_names()
                .and_then(|v| v.first())
                .map_or_else(String::new, |v| format!(" <{v}>"));
            Some(format!("--{long}{value}"))
        })
        .collect();
    let usage = if has_subcommands {
        format!("{path} <KOMMANDO>")
    } else {
        let mut usage = format!("{path} [TILVALG]");
        for option in required {
            usage.push(' ');
            usage.push_str(&option);
        }
        for positional in positionals {
            usage.push(' ');
            usage.push_str(&positional);
        }
        usage
    };
    let mut command = command
        .override_usage(usage)
        .help_template("{about-with-newline}\nBrug: {usage}\n\n{all-args}{after-help}")
        .disable_help_flag(true)
        .disable_help_subcommand(true)
        .subcommand_help_heading("Kommandoer")
        .subcommand_value_name("KOMMANDO")
        // clap writes "Possible values" and "[default: …]" in English: the Danish help texts
        // name the values and the default themselves.
        .mut_args(|arg| {
            let arg = if arg.get_action().takes_values() {
                arg.hide_possible_values(true).hide_default_value(true)
            } else {
                arg
            };
            if arg.is_positional() {
                arg.help_heading("Argumenter")
            } else {
                arg.help_heading("Tilvalg")
            }
        })
        .arg(
            Arg::new("hjaelp")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("Vis denne hjælp")
                .help_heading("Tilvalg"),
        );
    if has_version {
        command = command.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("Vis versionen")
                .help_heading("Tilvalg"),
        );
    }
    let names: Vec<String> = command
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .collect();
    for name in names {
        command = command.mut_subcommand(name, |sub| danish(sub, &path));
    }
    command
}

/// The text of a context value of `error`, if it has one.
fn context(error: &clap::Error, kind: ContextKind) -> Option<String> {
    match error.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => Some(v.join(", ")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::Number(n) => Some(n.to_string()),
        ContextValue::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// clap's usage error in Danish: what is wrong, the usage line and where to read more.
///
/// clap writes its errors in English; this renders the ones `tryghed` can give from their
/// parts (the argument, the value, the valid values, the suggestion, the usage line). The
/// message of a value that does not parse is the Danish one of tryghed's own parsers.
pub(crate) fn error_da(error: &clap::Error) -> String {
    let get = |kind| context(error, kind);
    let arg = get(ContextKind::InvalidArg).unwrap_or_default();
    let value = get(ContextKind::InvalidValue).unwrap_or_default();
    let mut lead = match error.kind() {
        ErrorKind::InvalidValue => {
            let mut lead = format!("ugyldig værdi »{value}« til {arg}");
            if let Some(valid) = get(ContextKind::ValidValue) {
                let _ = write!(lead, "; mulige værdier: {valid}");
            }
            lead
        }
        ErrorKind::ValueValidation => match std::error::Error::source(error) {
            Some(source) => format!("ugyldig værdi »{value}« til {arg}: {source}"),
            None => format!("ugyldig værdi »{value}« til {arg}"),
        },
        ErrorKind::UnknownArgument => format!("ukendt tilvalg »{arg}«"),
        ErrorKind::InvalidSubcommand => format!(
            "ukendt kommando »{}«",
            get(ContextKind::InvalidSubcommand).unwrap_or_default()
        ),
        ErrorKind::MissingRequiredArgument => {
            let many = matches!(
                error.get(ContextKind::InvalidArg),
                Some(ContextValue::Strings(v)) if v.len() > 1
            );
            if many {
                format!("de krævede argumenter mangler: {arg}")
            } else {
                format!("det krævede argument mangler: {arg}")
            }
        }
        ErrorKind::MissingSubcommand => "kommandoen mangler".to_owned(),
        ErrorKind::ArgumentConflict => match get(ContextKind::PriorArg) {
            Some(prior) => format!("{arg} kan ikke bruges sammen med {prior}"),
            None => format!("{arg} kan ikke bruges her"),
        },
        ErrorKind::NoEquals => format!("{arg} skal have sin værdi efter et lighedstegn (=)"),
        ErrorKind::TooManyValues => format!("for mange værdier til {arg}: »{value}«"),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("forkert antal værdier til {arg}")
        }
        ErrorKind::InvalidUtf8 => "et argument er ikke gyldig UTF-8".to_owned(),
        _ => "kommandolinjen kan ikke bruges".to_owned(),
    };
    let suggestion =
        get(ContextKind::SuggestedArg).or_else(|| get(ContextKind::SuggestedSubcommand));
    if let Some(suggestion) = suggestion {
        let _ = write!(lead, "; mente du »{suggestion}«?");
    }
    let mut out = format!("fejl: {lead}\n");
    if let Some(usage) = get(ContextKind::Usage) {
        let usage = usage.trim();
        let usage = usage.strip_prefix("Usage:").map_or(usage, str::trim_start);
        let _ = write!(out, "\nBrug: {usage}\n");
    }
    out.push_str("\nSe mere med »--help«.\n");
    out
}
