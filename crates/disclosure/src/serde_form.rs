//! The serde form of [`PublishedCount`], validated on the way in.

use serde::{Deserialize, Serialize};

use crate::count::State;
use crate::{DisclosureError, PublishedCount, SuppressionThreshold};

/// `{"status":"shown","value":14,"threshold":5}`, `{"status":"suppressed","threshold":5}`,
/// `{"status":"complementary","threshold":5}`.
#[derive(Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "kebab-case", deny_unknown_fields)]
pub(crate) enum CountForm {
    Shown {
        value: u64,
        threshold: SuppressionThreshold,
    },
    Suppressed {
        threshold: SuppressionThreshold,
    },
    Complementary {
        threshold: SuppressionThreshold,
    },
}

impl From<PublishedCount> for CountForm {
    fn from(c: PublishedCount) -> Self {
        let threshold = c.threshold();
        match c.value() {
            Some(value) => CountForm::Shown { value, threshold },
            None if c.publication() == crate::Publication::Suppressed => {
                CountForm::Suppressed { threshold }
            }
            None => CountForm::Complementary { threshold },
        }
    }
}

impl TryFrom<CountForm> for PublishedCount {
    type Error = DisclosureError;

    fn try_from(f: CountForm) -> Result<Self, Self::Error> {
        Ok(match f {
            CountForm::Shown { value, threshold } => {
                if threshold.suppresses(value) {
                    return Err(DisclosureError::ShownBelowThreshold {
                        value,
                        threshold: threshold.get(),
                    });
                }
                PublishedCount::new(value, threshold)
            }
            CountForm::Suppressed { threshold } => {
                PublishedCount::from_parts(State::Suppressed, threshold)
            }
            CountForm::Complementary { threshold } => {
                PublishedCount::from_parts(State::Complementary, threshold)
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::{PublishedCount, SuppressionThreshold};

    #[test]
    fn round_trip_and_validation() {
        let t = SuppressionThreshold::default();
        for c in [
            PublishedCount::new(14, t),
            PublishedCount::new(2, t),
            PublishedCount::new(9, t).withheld(),
        ] {
            let json = serde_json::to_string(&c).unwrap();
            assert_eq!(serde_json::from_str::<PublishedCount>(&json).unwrap(), c);
        }
        assert_eq!(
            serde_json::to_string(&PublishedCount::new(2, t)).unwrap(),
            r#"{"status":"suppressed","threshold":5}"#
        );
        assert_eq!(
            serde_json::to_string(&PublishedCount::new(14, t)).unwrap(),
            r#"{"status":"shown","value":14,"threshold":5}"#
        );
        let bad = r#"{"status":"shown","value":2,"threshold":5}"#;
        assert!(serde_json::from_str::<PublishedCount>(bad).is_err());
        let bad = r#"{"status":"suppressed","threshold":0}"#;
        assert!(serde_json::from_str::<PublishedCount>(bad).is_err());
        let bad = r#"{"status":"suppressed","threshold":5,"value":2}"#;
        assert!(serde_json::from_str::<PublishedCount>(bad).is_err());
        assert_eq!(serde_json::to_string(&t).unwrap(), "5");
        assert!(serde_json::from_str::<SuppressionThreshold>("2").is_err());
    }
}
