"""Creates or drops a throw-away PostgreSQL database for one CI run (trust auth on 127.0.0.1)."""

import asyncio
import os
import re
import sys

import asyncpg

ADMIN_DSN = os.environ.get("PG_ADMIN_DSN", "postgresql://postgres@127.0.0.1:5432/postgres")


async def main(action: str, name: str) -> None:
    if not re.fullmatch(r"[a-z0-9_]{1,63}", name):
        raise SystemExit(f"bad database name: {name}")
    conn = await asyncpg.connect(ADMIN_DSN)
    try:
        if action == "create":
            await conn.execute(f"DROP DATABASE IF EXISTS {name}")
            await conn.execute(f"CREATE DATABASE {name}")
        else:
            # The test workers' own databases (pytest-xdist: <name>_gw0, <name>_gw1, ...) go too.
            workers = await conn.fetch(
                "SELECT datname FROM pg_database WHERE datname LIKE $1", f"{name}\\_gw%"
            )
            for row in workers:
                await conn.execute(f'DROP DATABASE IF EXISTS "{row["datname"]}" WITH (FORCE)')
            await conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    finally:
        await conn.close()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2]))
