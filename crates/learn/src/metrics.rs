//! Precision, recall and F1 from counts: the one definition the trainers (threshold choice) and
//! the scorers share.

/// `(precision, recall, F1)` as fractions from `tp_p` right of `n_p` predicted and `tp_r` found
/// of `n_r` expected (the two true-positive counts differ when matching is not one-to-one); each
/// is 0 when its denominator is, as in `shared/tools/score.py`.
pub fn prf(tp_p: usize, n_p: usize, tp_r: usize, n_r: usize) -> (f64, f64, f64) {
    let ratio = |a: usize, b: usize| if b > 0 { a as f64 / b as f64 } else { 0.0 };
    let (p, r) = (ratio(tp_p, n_p), ratio(tp_r, n_r));
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

#[cfg(test)]
mod tests {
    use super::prf;

    #[test]
    fn zero_denominators_give_zero() {
        assert_eq!(prf(0, 0, 0, 0), (0.0, 0.0, 0.0));
        assert_eq!(prf(1, 2, 1, 4), (0.5, 0.25, 1.0 / 3.0));
    }
}
