//! How an attempt reaches the network: reqwest itself, or a chain of
//! `reqwest-middleware` layers the user built (feature `middleware`). Each
//! attempt of a retried request goes through the whole chain, so a layer
//! sees every attempt.

/// What sends one attempt.
#[derive(Clone)]
pub(crate) enum Transport {
    Plain(reqwest::Client),
    #[cfg(feature = "middleware")]
    Middleware(reqwest_middleware::ClientWithMiddleware),
}

/// Why an attempt got no answer.
pub(crate) enum Failure {
    Http(reqwest::Error),
    /// A middleware layer refused or failed the request.
    #[cfg_attr(not(feature = "middleware"), allow(dead_code))]
    Layer(Box<dyn std::error::Error + Send + Sync>),
}

impl Transport {
    pub(crate) async fn execute(
        &self,
        request: reqwest::Request,
    ) -> Result<reqwest::Response, Failure> {
        match self {
            Transport::Plain(http) => http.execute(request).await.map_err(Failure::Http),
            #[cfg(feature = "middleware")]
            Transport::Middleware(chain) => chain.execute(request).await.map_err(|e| match e {
                reqwest_middleware::Error::Reqwest(e) => Failure::Http(e),
                reqwest_middleware::Error::Middleware(e) => Failure::Layer(e.into()),
            }),
        }
    }
}
