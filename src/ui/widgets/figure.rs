//! A computed figure: a label and a value the model produced, formatted for the locale.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FigureProps {
    /// The `data-testid` of the value.
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
    /// A short explanation under the value.
    #[prop_or_default]
    pub note: Option<AttrValue>,
    /// Marks the headline figure of a page.
    #[prop_or_default]
    pub primary: bool,
}

#[function_component(Figure)]
pub fn figure(props: &FigureProps) -> Html {
    html! {
        <div class={classes!("figure", props.primary.then_some("figure-primary"))}>
            <span class="figure-label">{ props.label.clone() }</span>
            <output class="figure-value" data-testid={props.id.clone()}>{ props.value.clone() }</output>
            if let Some(note) = &props.note {
                <span class="figure-note">{ note.clone() }</span>
            }
        </div>
    }
}
