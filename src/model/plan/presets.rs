//! Demo presets: realistic plans a consultant opens in one click (as a copy) to show how the
//! calculators answer for a typical business. Every calculator's inputs are set and agree
//! with each other: the funnel's revenue target is the headcount page's new-client revenue,
//! the base's orders cover the existing-client revenue, the LTV check matches the base.

use crate::model::funnel::{ContactType, Direction, FunnelInputs, Stage};
use crate::model::headcount::{template_roles, HeadcountInputs, OrgTemplate, VariablePay};
use crate::model::ltv::{LtvInputs, Period, RetentionBasis, Segment, Uplift};
use crate::model::money::Currency;
use crate::model::names::{Name, Namer};

use super::{Plan, RevenueTarget, DEFAULT_WORKING_DAYS};

/// The demo plans offered on the plans page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preset {
    /// Transactional B2B: a wholesale distributor, many clients ordering monthly.
    B2bDistribution,
    /// Complex B2B services: IT integration projects, long cycle, high check.
    B2bServices,
    /// B2C services: a private clinic / studio, many small checks, fast cycle.
    B2cServices,
}

impl Preset {
    pub const ALL: [Preset; 3] = [
        Preset::B2bDistribution,
        Preset::B2bServices,
        Preset::B2cServices,
    ];

    /// Part of the button's test id: `preset-<key>`.
    pub fn key(self) -> &'static str {
        match self {
            Preset::B2bDistribution => "b2b-distribution",
            Preset::B2bServices => "b2b-services",
            Preset::B2cServices => "b2c-services",
        }
    }

    /// The preset as a plan, its plan, stages, roles and segments named by `names`.
    /// Its id is `preset-<key>`: the page gives the copy a fresh id.
    pub fn plan(self, names: Namer) -> Plan {
        let (funnel, ltv, headcount) = match self {
            Preset::B2bDistribution => distribution(names),
            Preset::B2bServices => services(names),
            Preset::B2cServices => consumer(names),
        };
        // Revenue per month from new and from existing clients (20, 30 and 40 % new).
        let (new_clients_per_month, existing_clients_per_month) = match self {
            Preset::B2bDistribution => (12_000_000.0, 48_000_000.0),
            Preset::B2bServices => (9_000_000.0, 21_000_000.0),
            Preset::B2cServices => (6_000_000.0, 9_000_000.0),
        };
        Plan {
            id: format!("preset-{}", self.key()),
            name: names(Name::Preset(self)),
            client: names(Name::DemoClient),
            currency: Currency::RUB,
            working_days_per_month: DEFAULT_WORKING_DAYS,
            month: None,
            working_days_typed: false,
            calendar: Default::default(),
            updated_at_ms: 0.0,
            target: RevenueTarget {
                new_clients_per_month,
                existing_clients_per_month,
            },
            funnel,
            ltv,
            headcount,
            clients: Default::default(),
            facts: Default::default(),
        }
    }
}

fn stage(name: String, conversion_pct: f64, days: f64, contact: ContactType) -> Stage {
    Stage {
        name,
        conversion_pct,
        days,
        contact,
    }
}

fn segment(
    name: String,
    clients: f64,
    avg_check: f64,
    purchases: f64,
    margin: f64,
    retention: f64,
) -> Segment {
    Segment {
        name,
        clients,
        avg_check,
        purchases_per_period: purchases,
        gross_margin_pct: margin,
        retention_pct: retention,
        development: None,
    }
}

type Inputs = (FunnelInputs, LtvInputs, HeadcountInputs);

/// 60 mln a month, 20 % (12 mln) from new clients: 12 000 000 / 80 000 = 150 first orders;
/// the base: 800 clients x 1.5 orders x 40 000 = 48 mln = the existing-client revenue.
fn distribution(names: Namer) -> Inputs {
    let stages = vec![
        stage(names(Name::Leads), 35.0, 2.0, ContactType::Call),
        stage(names(Name::Qualified), 55.0, 5.0, ContactType::Call),
        stage(names(Name::Meetings), 45.0, 10.0, ContactType::Meeting),
        stage(names(Name::FirstOrder), 100.0, 0.0, ContactType::Meeting),
    ];
    let funnel = FunnelInputs {
        stages: stages.clone(),
        avg_check: 80_000.0,
        gross_margin_pct: 22.0,
        direction: Direction::Reverse,
        entry_per_month: 1_500.0,
        sellers: 6.0,
        actuals: Vec::new(),
    };
    let ltv = LtvInputs {
        period: Period::Month,
        avg_check: 40_000.0,
        purchases_per_period: 1.5,
        gross_margin_pct: 22.0,
        retention_basis: RetentionBasis::Retention,
        retention_pct: 94.0,
        churn_pct: 6.0,
        lifetime_periods: 100.0 / 6.0,
        discount_rate_pct: 1.0,
        horizon_periods: Some(36.0),
        cac: 60_000.0,
        target_ratio: 3.0,
        scenario: Uplift {
            retention_pp: 2.0,
            avg_check_pct: 5.0,
            purchases_plus: 0.2,
        },
        segments: vec![
            segment(
                names(Name::ChainsAndWholesale),
                80.0,
                150_000.0,
                2.5,
                16.0,
                98.0,
            ),
            segment(names(Name::RegularShops), 240.0, 45_000.0, 1.8, 22.0, 95.0),
            segment(names(Name::SmallRetail), 480.0, 15_000.0, 1.0, 28.0, 85.0),
        ],
        development: Uplift::default(),
        sleeping_clients: 300.0,
        reactivation_pct: 20.0,
    };
    let headcount = HeadcountInputs {
        roles: template_roles(OrgTemplate::Transactional, names, &stages),
        active_clients: 800.0,
        orders_per_client_per_month: 1.5,
        existing_avg_check: 40_000.0,
        span_of_control: 7.0,
        managers_per_back_office: 5.0,
        back_office_relief_pct: 20.0,
        payroll_tax_pct: 30.0,
    };
    (funnel, ltv, headcount)
}

/// 30 mln a month, 30 % (9 mln) from new clients: 9 000 000 / 1 800 000 = 5 contracts;
/// the base: 120 clients x 0.1 orders x 1 750 000 = 21 mln = the existing-client revenue.
fn services(names: Namer) -> Inputs {
    let stages = vec![
        stage(names(Name::InboundLeads), 30.0, 5.0, ContactType::Message),
        stage(names(Name::DiscoveryCall), 50.0, 10.0, ContactType::Call),
        stage(names(Name::Presentation), 50.0, 20.0, ContactType::Meeting),
        stage(names(Name::Proposal), 35.0, 30.0, ContactType::Meeting),
        stage(names(Name::Contract), 100.0, 0.0, ContactType::Meeting),
    ];
    let funnel = FunnelInputs {
        stages: stages.clone(),
        avg_check: 1_800_000.0,
        gross_margin_pct: 40.0,
        direction: Direction::Reverse,
        entry_per_month: 200.0,
        sellers: 3.0,
        actuals: Vec::new(),
    };
    let ltv = LtvInputs {
        period: Period::Quarter,
        avg_check: 1_750_000.0,
        purchases_per_period: 0.3,
        gross_margin_pct: 40.0,
        retention_basis: RetentionBasis::Retention,
        retention_pct: 90.0,
        churn_pct: 10.0,
        lifetime_periods: 10.0,
        discount_rate_pct: 3.0,
        horizon_periods: Some(20.0),
        cac: 350_000.0,
        target_ratio: 3.0,
        scenario: Uplift {
            retention_pp: 3.0,
            avg_check_pct: 10.0,
            purchases_plus: 0.1,
        },
        segments: vec![
            segment(names(Name::Enterprise), 25.0, 3_000_000.0, 0.5, 38.0, 93.0),
            segment(names(Name::MidMarket), 60.0, 1_500_000.0, 0.3, 42.0, 88.0),
            segment(
                names(Name::OneOffProjects),
                35.0,
                800_000.0,
                0.15,
                45.0,
                70.0,
            ),
        ],
        development: Uplift {
            retention_pp: 3.0,
            avg_check_pct: 10.0,
            purchases_plus: 0.05,
        },
        sleeping_clients: 40.0,
        reactivation_pct: 15.0,
    };
    let headcount = HeadcountInputs {
        roles: template_roles(OrgTemplate::Complex, names, &stages),
        active_clients: 120.0,
        orders_per_client_per_month: 0.1,
        existing_avg_check: 1_750_000.0,
        span_of_control: 6.0,
        managers_per_back_office: 5.0,
        back_office_relief_pct: 15.0,
        payroll_tax_pct: 30.0,
    };
    (funnel, ltv, headcount)
}

/// 15 mln a month, 40 % (6 mln) from new patients: 6 000 000 / 25 000 = 240 first visits
/// paid; the base: 1 100 patients x 1.15 visits x 7 200 = 9.1 mln, covering the 9 mln.
fn consumer(names: Namer) -> Inputs {
    let stages = vec![
        stage(names(Name::AdRequests), 60.0, 1.0, ContactType::Message),
        stage(
            names(Name::ConsultationBooked),
            70.0,
            3.0,
            ContactType::Call,
        ),
        stage(names(Name::Visit), 55.0, 1.0, ContactType::Meeting),
        stage(names(Name::CoursePaid), 100.0, 0.0, ContactType::Meeting),
    ];
    let funnel = FunnelInputs {
        stages: stages.clone(),
        avg_check: 25_000.0,
        gross_margin_pct: 55.0,
        direction: Direction::Reverse,
        entry_per_month: 1_000.0,
        sellers: 4.0,
        actuals: Vec::new(),
    };
    let ltv = LtvInputs {
        period: Period::Month,
        avg_check: 7_200.0,
        purchases_per_period: 1.15,
        gross_margin_pct: 55.0,
        retention_basis: RetentionBasis::Retention,
        retention_pct: 85.0,
        churn_pct: 15.0,
        lifetime_periods: 100.0 / 15.0,
        discount_rate_pct: 1.0,
        horizon_periods: Some(24.0),
        cac: 6_000.0,
        target_ratio: 3.0,
        scenario: Uplift {
            retention_pp: 5.0,
            avg_check_pct: 5.0,
            purchases_plus: 0.1,
        },
        segments: vec![
            segment(
                names(Name::RegularPatients),
                350.0,
                9_000.0,
                1.6,
                55.0,
                92.0,
            ),
            segment(names(Name::CoursePatients), 450.0, 7_000.0, 1.1, 55.0, 82.0),
            segment(names(Name::OneOffVisits), 300.0, 4_500.0, 0.6, 50.0, 60.0),
        ],
        development: Uplift {
            retention_pp: 4.0,
            avg_check_pct: 5.0,
            purchases_plus: 0.1,
        },
        sleeping_clients: 900.0,
        reactivation_pct: 12.0,
    };
    let headcount = HeadcountInputs {
        roles: consumer_roles(names, &stages),
        active_clients: 1_100.0,
        orders_per_client_per_month: 1.15,
        existing_avg_check: 7_200.0,
        span_of_control: 8.0,
        managers_per_back_office: 6.0,
        back_office_relief_pct: 10.0,
        payroll_tax_pct: 30.0,
    };
    (funnel, ltv, headcount)
}

/// The transactional template adapted to a clinic: the call centre answers requests, front
/// desk consultants hold the visits (many a day), renewals managers serve the base.
fn consumer_roles(names: Namer, stages: &[Stage]) -> Vec<crate::model::headcount::Role> {
    let mut roles = template_roles(OrgTemplate::Transactional, names, stages);
    let role_names = [
        Name::CallCentreOperator,
        Name::FrontDeskConsultant,
        Name::RenewalsManager,
    ];
    let norms = [60.0, 8.0, 25.0];
    let salaries = [35_000.0, 45_000.0, 40_000.0];
    for (i, role) in roles.iter_mut().take(3).enumerate() {
        role.name = names(role_names[i]);
        role.norm_per_day = norms[i];
        role.fixed_salary_per_month = salaries[i];
        role.workplace_cost_per_month = 8_000.0;
    }
    // Paid per booking, not per request; consultants get 2 % of the courses sold.
    roles[0].variable_pay = VariablePay::PerUnit;
    roles[0].variable_rate = 15.0;
    roles[1].variable_pay = VariablePay::PercentOfRevenue;
    roles[1].variable_rate = 2.0;
    roles
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::names::variant_names;
    use crate::model::plan::summarize;
    use crate::model::{funnel, headcount, ltv};

    #[test]
    fn every_preset_computes_in_every_calculator() {
        for preset in Preset::ALL {
            let plan = preset.plan(&variant_names);
            let funnel = funnel::compute(&plan.funnel, &plan.target, plan.working_days_per_month);
            assert!(funnel.is_ok(), "{preset:?} funnel: {:?}", funnel.err());
            let staff = headcount::compute(&plan);
            assert!(staff.is_ok(), "{preset:?} headcount: {:?}", staff.err());
            let value = ltv::compute(&plan.ltv);
            assert!(value.is_ok(), "{preset:?} ltv: {:?}", value.err());
            assert!(
                funnel.unwrap().warnings.is_empty(),
                "{preset:?}: unnamed stage"
            );
            assert!(value.unwrap().notices.is_empty(), "{preset:?}: unbounded");
        }
    }

    #[test]
    fn presets_are_consistent_across_calculators() {
        for preset in Preset::ALL {
            let plan = preset.plan(&variant_names);
            // The funnel's part, as the presets were written: 12, 9 and 6 mln.
            let funnel_part =
                [12e6, 9e6, 6e6][Preset::ALL.iter().position(|p| *p == preset).unwrap()];
            assert_eq!(plan.target.new_clients(), funnel_part, "{preset:?}");
            // The base brings at least 95 % of the existing-client revenue.
            let staff = headcount::compute(&plan).unwrap();
            let coverage = staff.base.coverage_pct.unwrap();
            assert!((95.0..=110.0).contains(&coverage), "{preset:?}: {coverage}");
            let s = summarize(&plan);
            assert!(s.headcount_total.unwrap() >= 4.0, "{preset:?}");
            // A healthy business: LTV:CAC between 2 and 8.
            let ratio = s.ltv_to_cac.and_then(|r| r.finite()).unwrap();
            assert!((2.0..=8.0).contains(&ratio), "{preset:?}: {ratio}");
        }
    }

    #[test]
    fn presets_are_named_and_differ() {
        let services = Preset::B2bServices.plan(&variant_names);
        assert_eq!(services.name, "Preset(B2bServices)");
        assert_eq!(services.funnel.stages[3].name, "Proposal");
        let plans: Vec<Plan> = Preset::ALL.iter().map(|p| p.plan(&variant_names)).collect();
        assert_ne!(plans[0].funnel, plans[1].funnel);
        assert_ne!(plans[1].headcount, plans[2].headcount);
        assert_eq!(Preset::B2cServices.key(), "b2c-services");
    }
}
