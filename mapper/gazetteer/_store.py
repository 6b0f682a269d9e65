"""Where imported GeoNames dumps are kept: ``<cache>/imports/``, a manifest and one file per import.

Each import is the :class:`mapper.gazetteer.geonames.Dump` read from one file
(pickled), listed in ``imports.json`` in import order under the name of the
file it came from ("UA.zip"): importing a file of the same name again replaces
that import, so places are never doubled. The manifest is written last and
atomically, so a failed import leaves the store as it was. Its fingerprint
names the merged index (``gazetteer-<base>-<imports>.pkl``).
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
from pathlib import Path
from typing import Any

from mapper.gazetteer.geonames import Dump
from mapper.model import MapperError

MANIFEST = "imports.json"
FORMAT = 1  # bump when the stored dumps change shape


class ImportStore:
    """The imports of one cache folder.

    Parameters
    ----------
    folder : Path
        The gazetteer's cache folder; imports live in its ``imports/``.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder) / "imports"

    @property
    def manifest(self) -> Path:
        return self.folder / MANIFEST

    def entries(self) -> list[dict[str, Any]]:
        """The imports in order (empty when there are none)."""
        try:
            data = json.loads(self.manifest.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return []
        except (OSError, ValueError) as exc:
            raise MapperError(f"the list of imports {self.manifest} cannot be read ({exc}); remove it to start afresh") from None
        if data.get("format") != FORMAT:
            raise MapperError(f"{self.manifest} was written by another mapper version; import the files again")
        return list(data.get("imports", []))

    def fingerprint(self, code: bytes = b"") -> str:
        """A short hash of what the imports are (and of ``code``, the merging code)."""
        h = hashlib.sha256(code)
        for e in self.entries():
            h.update(json.dumps([e["name"], e["file"], e["sha256"], e["classes"], e["countries"]]).encode())
        return h.hexdigest()[:12]

    def dumps(self) -> list[tuple[str, Dump]]:
        """The stored dumps in import order."""
        out = []
        for e in self.entries():
            try:
                with open(self.folder / e["file"], "rb") as fh:
                    data = pickle.load(fh)
            except (OSError, pickle.UnpicklingError, EOFError) as exc:
                raise MapperError(
                    f"the import {e['name']} is damaged ({exc}); run 'mapper gazetteer remove {e['name']}' and import it again"
                ) from None
            out.append((e["name"], Dump(data["kind"], data["columns"], data["rows_read"])))
        return out

    def write(self, entries: list[dict[str, Any]], dumps: dict[str, Dump]) -> None:
        """Store new dumps (by their entry's ``file``), then the manifest (see :meth:`prune`)."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            for file, dump in dumps.items():
                _atomic_pickle(self.folder / file, {"kind": dump.kind, "columns": dump.columns, "rows_read": dump.rows_read})
            tmp = self.manifest.with_suffix(f".tmp{os.getpid()}")
            tmp.write_text(json.dumps({"format": FORMAT, "imports": entries}, indent=1), encoding="utf-8")
            os.replace(tmp, self.manifest)
        except OSError as exc:
            raise MapperError(f"cannot write the imports in {self.folder}: {exc}") from exc

    def prune(self) -> None:
        """Remove stored dumps that no import of the manifest uses (replaced or removed ones)."""
        used = {e["file"] for e in self.entries()}
        for p in self.folder.glob("*.pkl"):
            if p.name not in used:
                p.unlink(missing_ok=True)


def _atomic_pickle(path: Path, obj: Any) -> None:
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    with open(tmp, "wb") as fh:
        pickle.dump(obj, fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)
