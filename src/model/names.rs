//! The default names of what the model creates: demo and preset plans, their stages,
//! segments and roles, a new stage or role. The model keeps no wording: it names each one
//! by a [`Name`] and asks a [`Namer`] for the text (the UI builds one from its language in
//! the text layer). The names are then ordinary user data, edited and stored as strings.

use super::plan::Preset;

/// Turns a [`Name`] into the text stored in the plan.
pub type Namer<'a> = &'a dyn Fn(Name) -> String;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Name {
    // Plans.
    DemoPlan,
    DemoClient,
    /// A preset plan is named by its title.
    Preset(Preset),
    // Funnel stages.
    NewStage,
    Leads,
    Qualified,
    Meetings,
    Deals,
    FirstOrder,
    InboundLeads,
    DiscoveryCall,
    Presentation,
    Proposal,
    Contract,
    AdRequests,
    ConsultationBooked,
    Visit,
    CoursePaid,
    // Client segments.
    KeyAccounts,
    RegularAccounts,
    SmallAccounts,
    ChainsAndWholesale,
    RegularShops,
    SmallRetail,
    Enterprise,
    MidMarket,
    OneOffProjects,
    RegularPatients,
    CoursePatients,
    OneOffVisits,
    // Roles.
    NewRole,
    Telemarketer,
    DevelopmentSpecialist,
    OfficeSalesSpecialist,
    BackOffice,
    HeadOfSales,
    KeyAccountManager,
    PresaleEngineer,
    CallCentreOperator,
    FrontDeskConsultant,
    RenewalsManager,
    /// A seller of the facts page, numbered after the name: "Seller 3".
    Seller,
}

/// A namer for the model's own tests: every name is its variant, e.g. `Leads`.
#[cfg(test)]
pub(crate) fn variant_names(name: Name) -> String {
    format!("{name:?}")
}
