"""The query engine: the published graph in an Oxigraph store, and the workers that query it."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from fpkg.endpoint.pool import Pool
from fpkg.endpoint.settings import Settings
from fpkg.endpoint.store import TemporaryStore, prepare_store
from fpkg.endpoint.worker import Job, Reply


class Engine:
    """Runs jobs on a pool of workers over ``graph_dir``'s dump, stored in ``store_dir``.

    Without ``store_dir`` the store lives in a temporary directory until :meth:`close`.
    """

    def __init__(self, graph_dir: Path, settings: Settings, store_dir: Path | None = None) -> None:
        self.settings = settings
        self._temporary: TemporaryStore | None = None
        if store_dir is None:
            self._temporary = TemporaryStore(graph_dir)
            self.store_path = self._temporary.path
        else:
            self.store_path = prepare_store(graph_dir, store_dir)
        try:
            self.pool = Pool(str(self.store_path), settings.workers, settings.time_limit)
        except BaseException:
            if self._temporary is not None:
                self._temporary.cleanup()
            raise
        self._threads = ThreadPoolExecutor(max_workers=64, thread_name_prefix="fpkg-query")

    def run(self, job: Job) -> Reply:
        """Run ``job``, blocking until it is done or stopped."""
        return self.pool.run(job)

    async def run_async(self, job: Job) -> Reply:
        """Run ``job`` from a thread, leaving the event loop free."""
        return await asyncio.get_running_loop().run_in_executor(self._threads, self.pool.run, job)

    def close(self) -> None:
        """Stop the workers and remove a temporary store."""
        self.pool.close()
        self._threads.shutdown(wait=False, cancel_futures=True)
        if self._temporary is not None:
            self._temporary.cleanup()
