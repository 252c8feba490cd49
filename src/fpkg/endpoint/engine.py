"""The query engine: the published graph in an Oxigraph store, and the workers that query it."""

from __future__ import annotations

import asyncio
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
            self.pool = Pool(str(self.store_path), settings)
        except BaseException:
            if self._temporary is not None:
                self._temporary.cleanup()
            raise

    def run(self, job: Job, client: str = "") -> Reply:
        """Run ``job`` for ``client``, blocking until it is done, stopped or refused."""
        return asyncio.run(self.pool.run(job, client))

    async def run_async(self, job: Job, client: str = "") -> Reply:
        """Run ``job`` for ``client``; the event loop stays free meanwhile."""
        return await self.pool.run(job, client)

    def close(self) -> None:
        """Stop the workers and remove a temporary store."""
        self.pool.close()
        if self._temporary is not None:
            self._temporary.cleanup()
