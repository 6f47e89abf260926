//! How a client method describes its request to the runtime: parameter
//! descriptors and styles, form and multipart encodings, the JSON media
//! type, and the path template the runtime fills.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::model::{Param, PropertyEncoding, Style};

/// How a querystring parameter is written: `"search", codegen_runtime::QueryString::Form(&[..])`.
pub(super) fn query_string(name: &str, how: &crate::model::QueryString) -> TokenStream {
    use crate::model::QueryString as Q;
    let name = Literal::string(name);
    let how = match how {
        Q::Form(encoding) => {
            let encodings = encoding.iter().map(property_encoding);
            quote!(Form(&[#(#encodings),*]))
        }
        Q::Json => quote!(Json),
        Q::Text => quote!(Text),
    };
    quote!(#name, codegen_runtime::QueryString::#how)
}

/// `codegen_runtime::Param::new("id", codegen_runtime::Style::Simple, false)`.
pub(super) fn param_descriptor(p: &Param) -> TokenStream {
    let name = Literal::string(&p.wire_name);
    let style = style(p.serialization.style);
    let explode = p.serialization.explode;
    let reserved = p
        .serialization
        .allow_reserved
        .then(|| quote!(.allow_reserved()));
    quote!(codegen_runtime::Param::new(#name, #style, #explode) #reserved)
}

fn style(style: Style) -> TokenStream {
    let variant = match style {
        Style::Form => quote!(Form),
        Style::SpaceDelimited => quote!(SpaceDelimited),
        Style::PipeDelimited => quote!(PipeDelimited),
        Style::DeepObject => quote!(DeepObject),
        Style::Simple => quote!(Simple),
        Style::Label => quote!(Label),
        Style::Matrix => quote!(Matrix),
        Style::Json => quote!(Json),
    };
    quote!(codegen_runtime::Style::#variant)
}

/// One entry of a form or multipart body's `encoding`.
pub(super) fn property_encoding(e: &PropertyEncoding) -> TokenStream {
    let name = Literal::string(&e.name);
    let content_type = e.content_type.as_ref().map(|ct| {
        let ct = Literal::string(ct);
        quote!(.content_type(#ct))
    });
    let style = e.style.map(|(s, explode)| {
        let s = style(s);
        quote!(.style(#s, #explode))
    });
    let reserved = e.allow_reserved.then(|| quote!(.allow_reserved()));
    quote!(codegen_runtime::PropertyEncoding::new(#name) #content_type #style #reserved)
}

/// The media type a JSON body is sent as: the spec's, unless it is a range.
pub(super) fn json_content_type(content_type: &str) -> &str {
    if content_type.contains('*') {
        "application/json"
    } else {
        content_type
    }
}

/// `/pets/{petId}/toys` → `/pets/{}/toys`.
pub(super) fn path_template(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut rest = path;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        match rest[start..].find('}') {
            Some(end) => {
                out.push_str("{}");
                rest = &rest[start + end + 1..];
            }
            None => {
                rest = &rest[start..];
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn path_templates() {
        assert_eq!(
            super::path_template("/public/payout/{payoutId}/confirm"),
            "/public/payout/{}/confirm"
        );
        assert_eq!(super::path_template("/a/{b}.{c}"), "/a/{}.{}");
    }
}
