//! The server's state and its start: open the store, load the world, bind,
//! serve until asked to stop.

use crate::http;
use crate::store::{self, Location, Store};
use crate::world::World;
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

/// Limits applied to every connection and request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The largest body read, in bytes.
    pub max_body_size: usize,
    /// How many connections are served at once; more are answered with an
    /// envelope error and closed.
    pub max_connections: usize,
    /// How long a connection may take to send a request's head (also how long
    /// an idle keep-alive connection is kept).
    pub header_read_timeout: Duration,
    /// How long a request may take to send its body.
    pub body_read_timeout: Duration,
    /// How long a stop waits for the requests in flight.
    pub shutdown_grace: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_body_size: 10 * 1024 * 1024,
            max_connections: 1024,
            header_read_timeout: Duration::from_secs(10),
            body_read_timeout: Duration::from_secs(30),
            shutdown_grace: Duration::from_secs(30),
        }
    }
}

/// What every handler shares: the store, the apps that may call, the limits.
#[derive(Debug, Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    store: Store,
    apps: HashMap<String, String>,
    limits: Limits,
    /// Reads running at once: as many as the store keeps reader connections.
    /// (Writes wait in the store's commit queue, without a thread each.)
    reads: tokio::sync::Semaphore,
}

impl AppState {
    /// Opens the store at `location`, adds what `world` declares and the store
    /// lacks, and reads back the apps.
    pub fn open(
        location: Location,
        world: Option<&World>,
        limits: Limits,
    ) -> Result<(Self, Startup), StartError> {
        let store = Store::open(location)?;
        let added = match world {
            Some(world) => Some(store.write(|tx| store::world::apply(tx, world))?),
            None => None,
        };
        let (apps, held) = store.read(|tx| {
            Ok::<_, rusqlite::Error>((store::world::apps(tx)?, store::world::counts(tx)?))
        })?;
        let state = Self {
            inner: Arc::new(Inner {
                store,
                apps,
                limits,
                reads: tokio::sync::Semaphore::new(store::IDLE_READERS),
            }),
        };
        Ok((state, Startup { added, held }))
    }

    /// The store.
    #[must_use]
    pub fn store(&self) -> &Store {
        &self.inner.store
    }

    /// The apps that may call: app code to secret.
    #[must_use]
    pub fn apps(&self) -> &HashMap<String, String> {
        &self.inner.apps
    }

    /// The limits.
    #[must_use]
    pub fn limits(&self) -> Limits {
        self.inner.limits
    }

    /// Waits for a read's turn at the database: one of
    /// [`store::IDLE_READERS`]. Writes wait in the store's commit queue
    /// instead, so a read never waits behind a queue of writes (only, in the
    /// store, for nothing: WAL readers see the last commit).
    pub async fn read_slot(&self) -> Option<tokio::sync::SemaphorePermit<'_>> {
        // Never closed, so never `None`; were it, the work would go unqueued.
        self.inner.reads.acquire().await.ok()
    }

    /// The router serving this state.
    pub fn router(&self) -> axum::Router {
        http::router(self.clone())
    }
}

/// What opening the state did, for the start-up lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Startup {
    /// What the world added (`None` without a world file).
    pub added: Option<store::world::Added>,
    /// What the database holds now.
    pub held: store::world::Added,
}

/// Why the server did not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// The world file was refused.
    #[error(transparent)]
    World(#[from] crate::world::WorldError),
    /// The database could not be opened.
    #[error(transparent)]
    Open(#[from] store::OpenError),
    /// The database failed while loading the world.
    #[error("loading the world into the database failed: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The address could not be bound.
    #[error("cannot listen on {address}: {source}")]
    Bind {
        /// The address.
        address: SocketAddr,
        /// Why.
        source: std::io::Error,
    },
    /// A limit flag was refused.
    #[error("{0}")]
    Limits(String),
    /// Serving failed.
    #[error("serving failed: {0}")]
    Serve(std::io::Error),
}

/// Serves `state` on `listener` until `shutdown` completes; requests in flight
/// are finished first (for at most [`Limits::shutdown_grace`]). The
/// connection limit and the read timeouts are those of the state's limits.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), StartError> {
    let limits = state.limits();
    http::listen::serve(listener, state.router(), limits, shutdown).await;
    Ok(())
}
