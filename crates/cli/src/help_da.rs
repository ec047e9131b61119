//! Danish `--help` for the subcommands that are swept to Danish (`meetings`, `plan`,
//! `budget`): Danish headings, usage line and help flag instead of clap's English ones.
//!
//! clap has no translations, so this rewrites the parts it generates: the usage line
//! (`Brug: tryghed meetings check [TILVALG] <FIL>`), the headings (`Argumenter`, `Tilvalg`,
//! `Kommandoer`) and the help flag (`-h, --help  Vis denne hjælp`). A later sweep can apply
//! [`danish`] to every subcommand.

use clap::{Arg, ArgAction, Command};

/// The subcommands whose help is Danish.
pub(crate) const SWEPT: &[&str] = &["meetings", "plan", "budget"];

/// `command` (at `path`, e.g. `tryghed meetings`) and its subcommands with Danish help.
pub(crate) fn danish(command: Command, path: &str) -> Command {
    let name = command.get_name().to_owned();
    let path = format!("{path} {name}");
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
    let usage = if has_subcommands {
        format!("{path} <KOMMANDO>")
    } else {
        let mut usage = format!("{path} [TILVALG]");
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
            let arg = arg.hide_possible_values(true).hide_default_value(true);
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
    let names: Vec<String> = command
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .collect();
    for name in names {
        command = command.mut_subcommand(name, |sub| danish(sub, &path));
    }
    command
}
