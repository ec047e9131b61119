//! The crate's single error type.

/// Everything that can go wrong in `tryghed-disclosure`: a threshold too low to protect
/// anyone, parts that do not fit their total, and a serialised count that breaks the rule it
/// claims to follow.
///
/// Every variant carries the offending values.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DisclosureError {
    /// A suppression threshold below [`SuppressionThreshold::MIN`](crate::SuppressionThreshold::MIN).
    #[error(
        "suppression threshold {value} is too low: the lowest is {minimum} (exact figures are only \
         given by an explicit, stamped confidential output, never by a threshold)"
    )]
    #[non_exhaustive]
    ThresholdTooLow {
        /// The rejected threshold.
        value: u64,
        /// The lowest threshold accepted.
        minimum: u64,
    },
    /// The parts of a total do not fit it: for a [`Partition`](crate::TotalLayout::Partition)
    /// they must sum to the total, for [`WithRemainder`](crate::TotalLayout::WithRemainder)
    /// their sum must not exceed it.
    #[error("the parts sum to {parts_sum}, which does not fit the total {total} ({layout})")]
    #[non_exhaustive]
    PartsDoNotFit {
        /// The total.
        total: u64,
        /// The sum of the parts.
        parts_sum: u128,
        /// The layout that was asked for, in words.
        layout: &'static str,
    },
    /// A serialised count claims to be shown although it is below its threshold.
    #[error("a count of {value} cannot be shown under the threshold {threshold}")]
    #[non_exhaustive]
    ShownBelowThreshold {
        /// The value given.
        value: u64,
        /// The threshold given.
        threshold: u64,
    },
}

#[cfg(test)]
mod tests {
    use super::DisclosureError;

    #[test]
    fn error_is_send_sync_static() {
        fn assert_bounds<T: Send + Sync + 'static + std::error::Error>() {}
        assert_bounds::<DisclosureError>();
    }

    #[test]
    fn messages_name_the_values() {
        let e = DisclosureError::ThresholdTooLow {
            value: 0,
            minimum: 3,
        };
        let s = e.to_string();
        assert!(
            s.contains("threshold 0") && s.contains("lowest is 3"),
            "{s}"
        );
        let e = DisclosureError::PartsDoNotFit {
            total: 10,
            parts_sum: 12,
            layout: "a partition",
        };
        assert!(e.to_string().contains("12") && e.to_string().contains("10"));
    }
}
