//! Danish words for messages: the bodies in their definite and genitive forms, party lists.

use tryghed_parties::{BodyKind, PartyId};

use crate::MeetingContext;

/// "styregruppen", "arbejdsgruppen", "sekretariatet".
pub(crate) fn definite(body: BodyKind) -> String {
    match body {
        BodyKind::Secretariat => "sekretariatet".to_owned(),
        other => format!("{}n", other.label_da()),
    }
}

/// "styregruppens", "arbejdsgruppens", "sekretariatets".
pub(crate) fn genitive(body: BodyKind) -> String {
    format!("{}s", definite(body))
}

/// The agreement's words in Danish quotation marks: »…«.
pub(crate) fn quoted(wording: &str) -> String {
    format!("»{wording}«")
}

/// "the parties are: …" in Danish, for help texts.
pub(crate) fn help_parties(context: &MeetingContext) -> String {
    let ids: Vec<&str> = context.party_ids().map(PartyId::as_str).collect();
    if ids.is_empty() {
        "aftalen har ingen parter".to_owned()
    } else {
        format!("aftalens parter er: {}", ids.join(", "))
    }
}

/// "1 møde", "3 møder".
pub(crate) fn meetings(n: u64) -> String {
    if n == 1 {
        "1 møde".to_owned()
    } else {
        format!("{n} møder")
    }
}
