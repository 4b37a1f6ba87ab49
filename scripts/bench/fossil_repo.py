#!/usr/bin/env python3
"""Build a Fossil repository whose tickets are a county's items, for the
side-by-side benchmark (scripts/bench.sh).

usage: fossil_repo.py QINGDAN_DB UNIT_PATH MAX_ITEM_ID OUT.fossil

Each item of the unit's subtree becomes a ticket artifact (title, status,
type, found day); the artifacts are written to a folder and turned into a
repository by `fossil reconstruct`, which builds the ticket table as Fossil
itself would. A report "Open, newest 20" (rn=2) is added for a 20-row list
like ours."""
import hashlib, os, sqlite3, subprocess, sys, tempfile

STATUS = {"open": "Open", "in_progress": "Verified", "review": "Review", "closed": "Closed"}


def fossilize(s):
    return s.replace("\\", "\\\\").replace(" ", "\\s").replace("\n", "\\n").replace("\t", "\\t")


def artifact(n, day, title, status, detail):
    fields = {"comment": detail or title, "foundin": "", "priority": "Medium",
              "private_contact": "", "resolution": "", "severity": "Important",
              "status": STATUS.get(status, "Open"), "subsystem": "", "title": title,
              "type": "Code_Defect"}
    body = "D %sT09:%02d:%02d.000\n" % (day, (n // 60) % 60, n % 60)
    for k in sorted(fields):
        body += ("J %s %s\n" % (k, fossilize(fields[k]))) if fields[k] else "J %s\n" % k
    body += "K %040x\n" % (0x51a9d0000000 + n)
    body += "U bench\n"
    return body + "Z %s\n" % hashlib.md5(body.encode()).hexdigest()


def main():
    db, upath, max_id, out = sys.argv[1:5]
    hi = upath[:-1] + "0"  # the subtree is [path, path with '/' -> '0')
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    rows = con.execute("SELECT found_on, title, status, detail FROM item "
                       "WHERE upath >= ? AND upath < ? AND id <= ? ORDER BY id",
                       (upath, hi, int(max_id)))
    with tempfile.TemporaryDirectory() as art:
        n = 0
        for day, title, status, detail in rows:
            with open(os.path.join(art, "t%07d" % n), "w") as f:
                f.write(artifact(n, day, title, status, detail))
            n += 1
        if os.path.exists(out):
            os.remove(out)
        env = dict(os.environ, USER="bench")
        subprocess.run(["fossil", "reconstruct", out, art], check=True, env=env,
                       stdout=subprocess.DEVNULL)
    rn1 = subprocess.run(["fossil", "sql", "-R", out, "SELECT sqlcode FROM reportfmt WHERE rn=1"],
                         check=True, capture_output=True, text=True).stdout
    sql = rn1.strip()[1:-1].replace("''", "'")
    sql += "\nWHERE status IN ('Open','Review') ORDER BY tkt_mtime DESC LIMIT 20"
    q = "INSERT INTO reportfmt(rn, owner, title, mtime, cols, sqlcode) VALUES " \
        "(2, '', 'Open, newest 20', 0, '', '%s')" % sql.replace("'", "''")
    subprocess.run(["fossil", "sql", "-R", out, q], check=True, stdout=subprocess.DEVNULL)
    print(n)


if __name__ == "__main__":
    main()
