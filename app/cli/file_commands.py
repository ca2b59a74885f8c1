"""``attach`` (a scan for a document or the electronic result), ``files`` (what a dossier has),
``exempt`` (why a document has no file)."""

from __future__ import annotations

import argparse
import json
import sys

from app.cli.common import open_desk
from app.files.service import EXEMPTIONS


def register(sub: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "attach", parents=[parent], help="attach a scanned file (PDF, JPEG, PNG) to a document or as the result"
    )
    p.add_argument("code", help="dossier code")
    p.add_argument("file", nargs="+", help="one PDF, or images that become the pages of one PDF")
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--document", type=int, help="document number, from 1, in the receipt's order")
    where.add_argument("--result", action="store_true", help="the electronic copy of the result")
    p.add_argument("--clerk", help="who attaches (default: the first admin)")
    p.set_defaults(handler=cmd_attach)

    p = sub.add_parser("files", parents=[parent], help="each document of a dossier with its file or why it has none")
    p.add_argument("code")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_files)

    p = sub.add_parser("exempt", parents=[parent], help="record why a document has no file (Circular 03/2025 Art. 5)")
    p.add_argument("code")
    p.add_argument("--document", type=int, required=True)
    p.add_argument("--reason", required=True, choices=list(EXEMPTIONS))
    p.add_argument("--clerk")
    p.set_defaults(handler=cmd_exempt)


def cmd_attach(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        clerk = desk.clerk(args.clerk)
        done = desk.files.attach_paths(args.code, args.file, clerk, document_no=args.document, result=args.result)
    print(done.sha256)
    return 0


def cmd_files(args: argparse.Namespace) -> int:
    lang = getattr(args, "lang", "vi")
    with open_desk(args) as desk:
        dossier = desk.dossiers.get(args.code)
        docs = desk.files.documents(dossier)
        result = desk.files.result(dossier)
        digitised = desk.files.digitised(dossier)
    rows = [
        {
            "document": d.number,
            "name": d.name,
            "sha256": d.current.sha256 if d.current else None,
            "pages": d.current.pages if d.current else 0,
            "size": d.current.size if d.current else 0,
            "exemption": d.current.exemption if d.current else "",
            "reused_from": d.current.reused_from if d.current else "",
        }
        for d in docs
    ]
    if args.json:
        out = {
            "code": args.code,
            "documents": rows,
            "result": result.sha256 if result else None,
            "digitised": digitised,
        }
        print(json.dumps(out, ensure_ascii=False))
        return 0
    for d, row in zip(docs, rows, strict=True):
        if d.current is None:
            state = "—"
        elif d.current.has_file:
            state = f"{d.current.sha256}  {d.current.pages} tr." + (" (dùng lại)" if d.current.reused_from else "")
        else:
            state = d.current.exemption_label(lang)
        sys.stdout.write(f"{row['document']}\t{d.name}\t{state}\n")
    if result is not None:
        sys.stdout.write(f"KQ\t{'Kết quả' if lang == 'vi' else 'Result'}\t{result.sha256}\n")
    return 0


def cmd_exempt(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        desk.files.exempt(args.code, args.document, args.reason, desk.clerk(args.clerk))
    print(args.reason)
    return 0
