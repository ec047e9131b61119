//! [`split`]: divide an amount by integer weights without losing an øre.

use crate::Dkk;
use crate::error::BudgetError;

/// Splits `amount` into parts proportional to `weights`, to the øre, losing nothing.
///
/// The method is the largest-remainder (Hamilton) method in integer øre: each part first gets
/// the whole øre of its exact share `amount × weight / Σweights` (rounded down), then the øre
/// left over go one each to the parts with the largest remainders. Ties are broken by position:
/// the earlier weight gets the øre first. So the result is deterministic, the parts sum to
/// `amount` exactly, and every part differs from its exact share by less than one øre. A zero
/// weight always gets zero.
///
/// A negative amount is split as its magnitude and every part negated, so
/// `split(-x, w) == split(x, w)` negated part by part.
///
/// The arithmetic is exact in 128-bit integers for every amount and every list of `u64`
/// weights whose sum fits in a `u128`.
///
/// # Errors
///
/// [`BudgetError::EmptyWeights`] for no weights, [`BudgetError::ZeroWeights`] when every weight
/// is zero, [`BudgetError::Overflow`] if the weights sum beyond `u128`.
///
/// # Examples
///
/// ```
/// use tryghed_budget::{split, Dkk};
///
/// // 100 kr. in three equal parts: the first part gets the extra øre.
/// let parts = split(Dkk::from_kroner(100)?, &[1, 1, 1])?;
/// let shown: Vec<String> = parts.iter().map(|p| p.to_string()).collect();
/// assert_eq!(shown, ["33,34 kr.", "33,33 kr.", "33,33 kr."]);
///
/// // The Folehaven activity funds split 2:1.
/// let parts = split(Dkk::from_kroner(1_050_000)?, &[2, 1])?;
/// assert_eq!(parts, [Dkk::from_kroner(700_000)?, Dkk::from_kroner(350_000)?]);
/// # Ok::<(), tryghed_budget::BudgetError>(())
/// ```
#[doc(alias = "fordeling")]
#[doc(alias = "fordel")]
pub fn split(amount: Dkk, weights: &[u64]) -> Result<Vec<Dkk>, BudgetError> {
    if weights.is_empty() {
        return Err(BudgetError::EmptyWeights { amount });
    }
    let total_weight = weights
        .iter()
        .try_fold(0_u128, |acc, w| acc.checked_add(u128::from(*w)))
        .ok_or_else(|| BudgetError::Overflow {
            operation: format!("the sum of {} weights", weights.len()),
        })?;
    if total_weight == 0 {
        return Err(BudgetError::ZeroWeights {
            amount,
            count: weights.len(),
        });
    }
    let magnitude = u128::from(amount.ore().unsigned_abs());
    // |amount| < 2^63 and weight < 2^64, so the product is below 2^127.
    let mut parts: Vec<(u128, u128)> = weights
        .iter()
        .map(|w| {
            let product = magnitude * u128::from(*w);
            (product / total_weight, product % total_weight)
        })
        .collect();
    let floor_sum: u128 = parts.iter().map(|(q, _)| *q).sum();
    let leftover = magnitude.saturating_sub(floor_sum);
    // Positions by remainder, largest first; the stable sort keeps earlier positions first on ties.
    let mut order: Vec<usize> = (0..parts.len()).collect();
    order.sort_by(|a, b| {
        let ra = parts.get(*a).map_or(0, |p| p.1);
        let rb = parts.get(*b).map_or(0, |p| p.1);
        rb.cmp(&ra)
    });
    for index in order
        .into_iter()
        .take(usize::try_from(leftover).unwrap_or(usize::MAX))
    {
        if let Some(part) = parts.get_mut(index) {
            part.0 += 1;
        }
    }
    let negative = amount.is_negative();
    parts
        .into_iter()
        .map(|(q, _)| {
            let ore = i128::try_from(q).unwrap_or(i128::MAX);
            let signed = if negative { -ore } else { ore };
            i64::try_from(signed)
                .map(Dkk::from_ore)
                .map_err(|_| BudgetError::Overflow {
                    operation: format!("a part of {amount}"),
                })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ore(parts: &[Dkk]) -> Vec<i64> {
        parts.iter().map(|p| p.ore()).collect()
    }

    #[test]
    fn splits_with_documented_tie_break() {
        assert_eq!(
            ore(&split(Dkk::from_ore(10), &[1, 1, 1]).unwrap()),
            [4, 3, 3]
        );
        assert_eq!(
            ore(&split(Dkk::from_ore(11), &[1, 1, 1]).unwrap()),
            [4, 4, 3]
        );
        // Larger remainder wins over position: 10 × 1/6 = 1.67, 10 × 2/6 = 3.33, 10 × 3/6 = 5.
        assert_eq!(
            ore(&split(Dkk::from_ore(10), &[1, 2, 3]).unwrap()),
            [2, 3, 5]
        );
        assert_eq!(
            ore(&split(Dkk::from_ore(-10), &[1, 1, 1]).unwrap()),
            [-4, -3, -3]
        );
        assert_eq!(
            ore(&split(Dkk::from_ore(7), &[0, 1, 0]).unwrap()),
            [0, 7, 0]
        );
        assert_eq!(ore(&split(Dkk::ZERO, &[3, 4]).unwrap()), [0, 0]);
        assert_eq!(
            ore(&split(Dkk::MAX, &[u64::MAX, u64::MAX]).unwrap()),
            [i64::MAX / 2 + 1, i64::MAX / 2]
        );
        assert_eq!(ore(&split(Dkk::MIN, &[1]).unwrap()), [i64::MIN]);
    }

    #[test]
    fn rejects_empty_and_zero_weights() {
        let e = split(Dkk::from_ore(100), &[]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "cannot split 1,00 kr. by an empty list of weights"
        );
        let e = split(Dkk::from_ore(100), &[0, 0]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "cannot split 1,00 kr.: all 2 weights are zero"
        );
    }
}
