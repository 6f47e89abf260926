//! How a client method describes its request to the runtime: parameter
//! descriptors and styles, form and multipart encodings, the JSON media
//! type, and the path template the runtime fills.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::emit::ident;
use crate::model::{MediaKind, Operation, Param, ParamLocation, PropertyEncoding, Style, TypeRef};

/// `RequestParts::for_operation` with the method, the operation's name and
/// its path as the spec writes it (the runtime fills its placeholders).
pub(super) fn start(op: &Operation) -> TokenStream {
    let method = Literal::string(&op.method);
    let name = Literal::string(op.name.plain());
    let path = Literal::string(&op.request_path);
    quote!(codegen_runtime::RequestParts::for_operation(#method, #name, #path))
}

/// The statements that fill the request: its
/// security and `Accept`, every parameter, the idempotency key, the body.
pub(super) fn setup(op: &Operation) -> Vec<TokenStream> {
    let security = op.security.iter().map(|alt| quote!(&[#(#alt),*]));
    let mut setup = Vec::new();
    if !op.security.is_empty() {
        setup.push(quote!(parts.security(&[#(#security),*]);));
    }
    if !op.accept.is_empty() {
        let accept = Literal::string(&op.accept.join(", "));
        setup.push(quote!(parts.accept(#accept);));
    }
    // Path parameters fill the template in order, then the others.
    let (path_params, others): (Vec<&Param>, Vec<&Param>) = op
        .params
        .iter()
        .partition(|p| p.location == ParamLocation::Path);
    for p in path_params.into_iter().chain(others) {
        let descriptor = param_descriptor(p);
        let put = match &p.location {
            ParamLocation::Path => quote!(path_param),
            ParamLocation::Query => quote!(query_param),
            ParamLocation::Header => quote!(header_param),
            ParamLocation::Cookie => quote!(cookie_param),
            ParamLocation::QueryString(_) => quote!(query_string),
        };
        let arg = ident(&p.name);
        // An absent optional parameter (`None`) is left out.
        let value = if p.required {
            quote!(&#arg)
        } else {
            quote!(&params.#arg)
        };
        if let Some(put) = shorthand(p) {
            let name = Literal::string(&p.wire_name);
            setup.push(quote!(parts.#put(#name, #value);));
            continue;
        }
        let descriptor = match &p.location {
            ParamLocation::QueryString(how) => query_string(&p.wire_name, how),
            _ => quote!(&#descriptor),
        };
        setup.push(quote!(parts.#put(#descriptor, #value);));
    }
    if let Some(idem) = &op.idempotency {
        let header = Literal::string(&idem.header);
        let max = match idem.max_length {
            Some(max) => quote!(Some(#max)),
            None => quote!(None),
        };
        setup.push(quote!(parts.idempotency(#header, #max);));
    }
    setup.extend(body(op));
    setup
}

/// The runtime's method for a parameter written in its location's default
/// way (`parts.query("limit", &limit)`), when it is: the default style,
/// reserved characters encoded, and the default `explode` or a scalar value,
/// which is written the same either way.
fn shorthand(p: &Param) -> Option<TokenStream> {
    let s = &p.serialization;
    let (put, style, explode) = match p.location {
        ParamLocation::Path => (quote!(path), Style::Simple, false),
        ParamLocation::Query => (quote!(query), Style::Form, true),
        ParamLocation::Header => (quote!(header), Style::Simple, false),
        ParamLocation::Cookie => (quote!(cookie), Style::Form, true),
        ParamLocation::QueryString(_) => return None,
    };
    let scalar = !matches!(
        p.ty,
        TypeRef::Named(_)
            | TypeRef::Json
            | TypeRef::Vec(_)
            | TypeRef::Map(_)
            | TypeRef::Nullable(_)
    );
    (s.style == style && !s.allow_reserved && (s.explode == explode || scalar)).then_some(put)
}

/// Puts the body on the request, in its media type (when there is one).
fn body(op: &Operation) -> Option<TokenStream> {
    let body = op.body.as_ref()?;
    let encodings = body.encoding.iter().map(property_encoding);
    // A required body of a number or a bool is an argument by value; the
    // encoders take a reference.
    let value = if body.required && super::signature::by_value(&body.ty) {
        quote!(&body)
    } else {
        quote!(body)
    };
    let put = match body.media {
        MediaKind::Json => {
            let ct = Literal::string(json_content_type(&body.content_type));
            quote!(parts.json_body(#ct, #value);)
        }
        MediaKind::Form => quote!(parts.form_body(#value, &[#(#encodings),*]);),
        MediaKind::Multipart => match &body.positional {
            Some(by_position) => {
                let ct = Literal::string(&body.content_type);
                let prefix = by_position.prefix.iter().map(|p| match p {
                    Some(ct) => quote!(Some(#ct)),
                    None => quote!(None),
                });
                let item = match &by_position.item {
                    Some(ct) => quote!(Some(#ct)),
                    None => quote!(None),
                };
                quote!(parts.multipart_parts(#ct, body, &[#(#prefix),*], #item);)
            }
            None => quote!(parts.multipart_body(#value, &[#(#encodings),*]);),
        },
        MediaKind::Text => {
            let ct = Literal::string(&body.content_type);
            quote!(parts.raw_body(#ct, body.to_string());)
        }
        MediaKind::Binary => {
            let ct = Literal::string(&body.content_type);
            quote!(parts.raw_body(#ct, body);)
        }
        MediaKind::Stream(format) => super::streams::body(&body.content_type, format),
    };
    Some(if body.required || body.media == MediaKind::Binary {
        put
    } else {
        quote!(if let Some(body) = body { #put })
    })
}

/// How a querystring parameter is written: `"search", codegen_runtime::QueryString::Form(&[..])`.
fn query_string(name: &str, how: &crate::model::QueryString) -> TokenStream {
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

/// `codegen_runtime::Param::simple("id", false)`: the runtime's shorthand
/// for the two common styles, `Param::new` with the style for the others.
pub(crate) fn param_descriptor(p: &Param) -> TokenStream {
    let name = Literal::string(&p.wire_name);
    let explode = p.serialization.explode;
    let reserved = p
        .serialization
        .allow_reserved
        .then(|| quote!(.allow_reserved()));
    let param = match p.serialization.style {
        Style::Simple => quote!(codegen_runtime::Param::simple(#name, #explode)),
        Style::Form => quote!(codegen_runtime::Param::form(#name, #explode)),
        other => {
            let style = style(other);
            quote!(codegen_runtime::Param::new(#name, #style, #explode))
        }
    };
    quote!(#param #reserved)
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
fn property_encoding(e: &PropertyEncoding) -> TokenStream {
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
fn json_content_type(content_type: &str) -> &str {
    if content_type.contains('*') {
        "application/json"
    } else {
        content_type
    }
}
