//! Gamma-Gamma (Fader, Hardie & Lee 2005, "RFM and CLV"; Fader & Hardie's note 025): the
//! spends of a client are Gamma-distributed around the client's own mean, and those means
//! vary across clients; fitted on the clients with repeat purchases.

use serde::{Deserialize, Serialize};

use super::optimize::{log_std_errors, minimize};
use super::{distinct, position, CustomerSummary, Fit};
use crate::model::clients::specfun::{digamma, ln_gamma};

/// Gamma-Gamma parameters: spend per purchase ~ Gamma(p, nu), nu ~ Gamma(q, v).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct GammaGammaParams {
    pub p: f64,
    pub q: f64,
    pub v: f64,
}

impl GammaGammaParams {
    /// Mean spend per purchase in the population, `v p / (q - 1)`; infinite when q <= 1.
    pub fn population_mean(&self) -> f64 {
        if self.q > 1.0 {
            self.v * self.p / (self.q - 1.0)
        } else {
            f64::INFINITY
        }
    }

    /// Expected average spend of a customer with `frequency` repeats of mean `monetary`
    /// (note 025, eq. 5): a weighted mean of the population mean and the customer's own.
    pub fn expected_average_spend(&self, frequency: f64, monetary: f64) -> f64 {
        let weight = self.p * frequency / (self.p * frequency + self.q - 1.0);
        let value = (1.0 - weight) * self.population_mean() + weight * monetary;
        if value.is_finite() {
            value.max(0.0)
        } else {
            0.0
        }
    }
}

/// Repeat customers for the Gamma-Gamma likelihood, grouped by distinct frequency.
struct GammaGammaData {
    xs: Vec<f64>,
    /// (index into `xs`, mean spend, its logarithm).
    rows: Vec<(usize, f64, f64)>,
}

impl GammaGammaData {
    fn new(rows: &[(f64, f64)], scale: f64) -> Self {
        let xs = distinct(rows.iter().map(|r| r.0));
        let rows = rows
            .iter()
            .map(|&(x, m)| (position(&xs, x), m * scale, (m * scale).ln()))
            .collect();
        GammaGammaData { xs, rows }
    }

    /// Total log-likelihood (Fader & Hardie, note 025, eq. 3).
    fn log_likelihood(&self, params: &GammaGammaParams) -> f64 {
        let GammaGammaParams { p, q, v } = *params;
        let common = -ln_gamma(q) + q * v.ln();
        let per_x: Vec<f64> = self
            .xs
            .iter()
            .map(|&x| common + ln_gamma(p * x + q) - ln_gamma(p * x) + p * x * x.ln())
            .collect();
        self.rows
            .iter()
            .map(|&(ix, m, ln_m)| {
                let x = self.xs[ix];
                per_x[ix] + (p * x - 1.0) * ln_m - (p * x + q) * (x * m + v).ln()
            })
            .sum()
    }

    /// The log-likelihood and its gradient with respect to (ln p, ln q, ln v).
    fn log_likelihood_and_gradient(&self, params: &GammaGammaParams, grad: &mut [f64]) -> f64 {
        let GammaGammaParams { p, q, v } = *params;
        let (ln_v, psi_q) = (v.ln(), digamma(q));
        let common = -ln_gamma(q) + q * ln_v;
        // Per distinct x: the part of the row's term without the spend, and the parts of the
        // derivatives in p and q that depend on x only.
        let per_x: Vec<[f64; 3]> = self
            .xs
            .iter()
            .map(|&x| {
                let (psi_pxq, psi_px) = (digamma(p * x + q), digamma(p * x));
                [
                    common + ln_gamma(p * x + q) - ln_gamma(p * x) + p * x * x.ln(),
                    x * (psi_pxq - psi_px + x.ln()),
                    psi_pxq - psi_q + ln_v,
                ]
            })
            .collect();
        let (mut ll, mut g_p, mut g_q, mut g_v) = (0.0, 0.0, 0.0, 0.0);
        for &(ix, m, ln_m) in &self.rows {
            let x = self.xs[ix];
            let [base, d_p, d_q] = per_x[ix];
            let ln_xmv = (x * m + v).ln();
            ll += base + (p * x - 1.0) * ln_m - (p * x + q) * ln_xmv;
            g_p += d_p + x * (ln_m - ln_xmv);
            g_q += d_q - ln_xmv;
            g_v += q / v - (p * x + q) / (x * m + v);
        }
        for (slot, d) in grad.iter_mut().zip([g_p * p, g_q * q, g_v * v]) {
            *slot = d;
        }
        ll
    }
}

/// Fits Gamma-Gamma on the customers with repeat purchases and a positive mean spend, by
/// maximum likelihood (a Nelder-Mead start, then Newton steps on the analytic gradient).
/// Spends are scaled to a mean of 1 for the search (any currency and check size then fit the
/// same way); `v` is scaled back.
pub fn fit_gamma_gamma(customers: &[CustomerSummary]) -> Option<Fit<GammaGammaParams>> {
    let rows: Vec<(f64, f64)> = customers
        .iter()
        .filter(|c| c.frequency > 0.0 && c.monetary > 0.0 && c.monetary.is_finite())
        .map(|c| (c.frequency, c.monetary))
        .collect();
    if rows.is_empty() {
        return None;
    }
    let mean = rows.iter().map(|r| r.1).sum::<f64>() / rows.len() as f64;
    let scale = 1.0 / mean;
    let scaled = GammaGammaData::new(&rows, scale);
    let from_log = |v: &[f64]| -> Option<GammaGammaParams> {
        let p = GammaGammaParams {
            p: v.first()?.exp(),
            q: v.get(1)?.exp(),
            v: v.get(2)?.exp(),
        };
        [p.p, p.q, p.v]
            .iter()
            .all(|x| x.is_finite() && *x > 0.0)
            .then_some(p)
    };
    let n = rows.len() as f64;
    let mut objective = |v: &[f64]| match from_log(v) {
        Some(p) => -scaled.log_likelihood(&p) / n,
        None => f64::INFINITY,
    };
    let mut with_gradient = |v: &[f64], g: &mut [f64]| match from_log(v) {
        Some(p) => {
            let ll = scaled.log_likelihood_and_gradient(&p, g);
            g.iter_mut().for_each(|d| *d /= -n);
            -ll / n
        }
        None => f64::INFINITY,
    };
    let found = minimize(&mut objective, &mut with_gradient, &[0.0; 3]);
    let mut params = from_log(&found.x)?;
    params.v /= scale;
    let ll = GammaGammaData::new(&rows, 1.0).log_likelihood(&params);
    let std_errors = found
        .hessian
        .and_then(|h| log_std_errors(&h, 3, n))
        .map(|se| GammaGammaParams {
            p: params.p * se[0],
            q: params.q * se[1],
            v: params.v * se[2],
        });
    ll.is_finite().then_some(Fit {
        params,
        log_likelihood: ll,
        customers: rows.len(),
        evaluations: found.evaluations,
        converged: found.converged,
        std_errors,
        scale: mean,
    })
}

#[cfg(test)]
// Reference values are printed by the Python library `lifetimes` (or mpmath) to full
// f64 precision.
#[allow(clippy::excessive_precision)]
mod tests {
    use super::*;
    use crate::model::clients::clv::fixtures::{cdnow, rel_close, round_to};
    use crate::model::clients::clv::testkit::{exact_sum, mean_spend, numeric_newton_maximum, Rng};

    /// Note 025, eq. 3, customer by customer and straight from the formula (no scaling).
    fn plain_log_likelihood(customers: &[CustomerSummary], g: &GammaGammaParams) -> f64 {
        let GammaGammaParams { p, q, v } = *g;
        exact_sum(
            customers
                .iter()
                .filter(|c| c.frequency > 0.0 && c.monetary > 0.0)
                .map(|c| {
                    let (x, m) = (c.frequency, c.monetary);
                    ln_gamma(p * x + q) - ln_gamma(p * x) - ln_gamma(q)
                        + q * v.ln()
                        + (p * x - 1.0) * m.ln()
                        + p * x * x.ln()
                        - (p * x + q) * (x * m + v).ln()
                }),
        )
    }

    fn from_log(v: &[f64]) -> GammaGammaParams {
        GammaGammaParams {
            p: v[0].exp(),
            q: v[1].exp(),
            v: v[2].exp(),
        }
    }

    #[test]
    fn cdnow_gamma_gamma_fit_is_the_exact_optimum() {
        let customers = cdnow();
        let ll = |v: &[f64]| plain_log_likelihood(&customers, &from_log(v));
        // From the published (rounded) parameters, not from the fit.
        let optimum = numeric_newton_maximum(&ll, &[6.25f64.ln(), 3.74f64.ln(), 15.44f64.ln()]);
        let want = from_log(&optimum);
        let fit = fit_gamma_gamma(&customers).unwrap();
        assert!(fit.converged);
        let got = fit.params;
        for (name, g, w) in [
            ("p", got.p, want.p),
            ("q", got.q, want.q),
            ("v", got.v, want.v),
        ] {
            assert!(rel_close(g, w, 1e-9), "{name}: fit {g:.15} optimum {w:.15}");
        }
        assert!(rel_close(fit.log_likelihood, ll(&optimum), 1e-12));
    }

    #[test]
    fn gamma_gamma_gradient_matches_central_differences() {
        let rows: Vec<(f64, f64)> = cdnow()
            .iter()
            .filter(|c| c.frequency > 0.0 && c.monetary > 0.0)
            .map(|c| (c.frequency, c.monetary))
            .collect();
        let data = GammaGammaData::new(&rows, 1.0 / 35.0);
        for g in [
            GammaGammaParams {
                p: 6.0,
                q: 3.0,
                v: 0.5,
            },
            GammaGammaParams {
                p: 0.5,
                q: 20.0,
                v: 3.0,
            },
            GammaGammaParams {
                p: 40.0,
                q: 1.2,
                v: 0.01,
            },
        ] {
            let mut grad = [0.0; 3];
            let value = data.log_likelihood_and_gradient(&g, &mut grad);
            assert!(rel_close(value, data.log_likelihood(&g), 1e-13));
            let lp = [g.p.ln(), g.q.ln(), g.v.ln()];
            for (i, &gi) in grad.iter().enumerate() {
                let at = |k: f64| {
                    let mut v = lp;
                    v[i] += k * 1e-4;
                    data.log_likelihood(&from_log(&v))
                };
                let numeric = (8.0 * (at(1.0) - at(-1.0)) - (at(2.0) - at(-2.0))) / 12e-4;
                assert!(
                    rel_close(gi, numeric, 1e-6),
                    "{g:?} [{i}]: {gi} vs {numeric}"
                );
            }
        }
    }

    #[test]
    fn gamma_gamma_fit_recovers_the_parameters_it_was_drawn_from() {
        let truth = GammaGammaParams {
            p: 6.0,
            q: 4.0,
            v: 15.0,
        };
        let mut rng = Rng::new(77);
        // 3,000 repeat customers with 1 to 10 repeat purchases each.
        let customers: Vec<CustomerSummary> = (0..3_000)
            .map(|i| {
                let frequency = f64::from(1 + i % 10);
                CustomerSummary {
                    frequency,
                    recency: 1.0,
                    t: 1.0,
                    monetary: mean_spend(&mut rng, frequency, &truth),
                }
            })
            .collect();
        let fit = fit_gamma_gamma(&customers).unwrap();
        assert!(fit.converged);
        let se = fit.std_errors.unwrap();
        for (name, got, want, err) in [
            ("p", fit.params.p, truth.p, se.p),
            ("q", fit.params.q, truth.q, se.q),
            ("v", fit.params.v, truth.v, se.v),
        ] {
            println!("{name}: {got} (se {err}) vs {want}");
            assert!(
                (got - want).abs() < 3.0 * err,
                "{name}: {got} (se {err}) vs {want}"
            );
            assert!(err < 0.25 * want, "{name}: se {err}");
        }
    }

    #[test]
    fn cdnow_gamma_gamma_matches_published_parameters() {
        let fit = fit_gamma_gamma(&cdnow()).unwrap();
        let p = fit.params;
        assert!(fit.converged);
        assert_eq!(fit.customers, 946);
        // Fader, Hardie & Lee, "RFM and CLV" / note 025: p = 6.25, q = 3.74, v = 15.44, fitted on
        // the exact mean spends. This fixture has them rounded to cents, which moves v to 15.448
        // (`lifetimes` reports 15.45 on it too); the exact figures are checked from the
        // transactions in `cdnow_transactions_give_the_published_summary`.
        assert_eq!(round_to(p.p, 2), 6.25, "{p:?}");
        assert_eq!(round_to(p.q, 2), 3.74, "{p:?}");
        assert_eq!(round_to(p.v, 2), 15.45, "{p:?}");
    }

    #[test]
    fn gamma_gamma_expectation_matches_reference_values() {
        let gg = GammaGammaParams {
            p: 6.25,
            q: 3.74,
            v: 15.44,
        };
        // Population mean v p / (q - 1) = 15.44 * 6.25 / 2.74.
        assert!(rel_close(
            gg.population_mean(),
            35.218_978_102_189_78,
            1e-12
        ));
        assert!(rel_close(
            gg.expected_average_spend(0.0, 0.0),
            35.218_978_102_189_78,
            1e-12
        ));
        // Weight p x / (p x + q - 1) = 12.5 / 15.24 on 22.35, the rest on the population mean.
        assert!(rel_close(
            gg.expected_average_spend(2.0, 22.35),
            24.663_713_910_761_156,
            1e-12
        ));
        assert!(rel_close(
            gg.expected_average_spend(29.0, 26.26),
            26.393_418_120_550_03,
            1e-12
        ));
        let unbounded = GammaGammaParams { q: 0.9, ..gg };
        assert_eq!(unbounded.expected_average_spend(1.0, 10.0), 0.0);
    }
}
