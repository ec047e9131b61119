//! The ledger (regnskab) of one year's activity funds.

use std::fmt;

/// The kind of a ledger transaction, after the IATI transaction types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum TransactionKind {
    /// A commitment (bevilget/disponeret): money promised to the activity, e.g. a signed contract
    /// (IATI type 2, Outgoing Commitment).
    Commitment,
    /// An expenditure (udgift): money paid out (IATI type 4, Expenditure).
    Expenditure,
    /// A reversal of (part of) a commitment, e.g. a cancelled contract.
    CommitmentReversal,
    /// A reversal of (part of) an expenditure, e.g. a refund.
    ExpenditureReversal,
}

impl TransactionKind {
    /// The name used in data and messages: `commitment`, `expenditure`, `commitment_reversal`,
    /// `expenditure_reversal`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Commitment => "commitment",
            Self::Expenditure => "expenditure",
            Self::CommitmentReversal => "commitment_reversal",
            Self::ExpenditureReversal => "expenditure_reversal",
        }
    }
}

impl fmt::Display for TransactionKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}
