//! An in-process server on a free loopback port (its own runtime thread), for
//! tests that need a real socket but not the binary.

use cc_server::{AppState, Limits};
use std::net::SocketAddr;
use std::time::Duration;

/// A server running in the background; stopped when dropped.
pub struct Local {
    /// Where it listens.
    pub address: SocketAddr,
    /// Its state (to look at the store directly).
    pub state: AppState,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Local {
    /// Serves `state` (with its limits) on `127.0.0.1:0`.
    pub fn start(state: AppState) -> Self {
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let (ready, address) = std::sync::mpsc::channel();
        let served = state.clone();
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .expect("runtime");
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                    .await
                    .expect("bind");
                ready
                    .send(listener.local_addr().expect("address"))
                    .expect("ready");
                cc_server::serve(listener, served, async {
                    let _ = stopped.await;
                })
                .await
                .expect("serve");
            });
        });
        let address = address
            .recv_timeout(Duration::from_secs(10))
            .expect("listening");
        Self {
            address,
            state,
            stop: Some(stop),
            thread: Some(thread),
        }
    }

    /// Serves a fresh in-memory state on the bundled world with `limits`.
    pub fn with(limits: Limits) -> Self {
        Self::start(super::state_with(limits))
    }
}

impl Drop for Local {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
