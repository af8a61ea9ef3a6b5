#!/usr/bin/env python3
"""Validate the Tunebench knowledge base (this folder) and measure it against the demo dataset.

Standard library only. Checks:
  * themes.yaml, notes.yaml, rules.yaml, software.yaml, evidence.yaml parse (plain block YAML subset);
  * exactly 44 notes t1053-01..t1053-44 whose text is byte-identical to the LoFP seed (lines 6..49);
  * every note's theme exists; every note's rules exist and list the note back (and vice versa);
  * rule ids are "<source>:<id>", Splunk filter macros follow the ESCU naming rule, aliases are unique;
  * every rule name / rule id in resources/demo/*.csv|ndjson resolves to a catalog rule, and every
    ground-truth note is carried by the rule that fired;
  * evidence conditions use known fields, modifiers, settings and valid regexes / CIDRs;
  * software entries reference existing notes and use known kinds.
Then, if normalised demo events are available (a workspace file, or a built tunebench-cli to import
the demo into a temporary workspace), it evaluates every predicate on every demo event and prints:
  * the share of malicious events with at least one counter-evidence predicate;
  * the share of benign events with labelled notes that hit a support predicate of a labelled note's theme.

Usage: check_knowledge.py [--workspace FILE.tunebench] [--cli PATH/tunebench-cli] [--seed PATH] [-v]
Exit status 0 when every structural check passes (coverage figures are reported, not enforced).
"""
import argparse
import csv
import glob
import ipaddress
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, '..', '..'))
DEMO = os.path.join(REPO, 'resources', 'demo')
DEFAULT_SEED = '/work/shared/seed/lofp-t1053.txt'

# Event fields (models/ingest/EventField.cpp). Re-read from the source when it is present.
FIELDS = ['time_utc', 'time_original', 'time_confidence', 'alert_time_utc', 'platform', 'host', 'host_fqdn',
          'user', 'user_domain', 'user_sid', 'rule_name', 'rule_id', 'rule_ref_id', 'rule_source', 'severity',
          'severity_raw', 'risk_score', 'status', 'status_raw', 'disposition_raw', 'owner', 'mitre', 'event_code',
          'event_source', 'record_id', 'process_image', 'process_name', 'process_pid', 'command_line',
          'parent_image', 'parent_name', 'parent_pid', 'parent_command_line', 'task_operation', 'task_name',
          'task_action', 'task_run_as', 'task_run_level', 'task_logon_type', 'task_trigger', 'task_author',
          'task_hidden', 'task_remote', 'target_host', 'target_path', 'source_ip', 'user_agent', 'k8s_namespace',
          'k8s_resource', 'k8s_verb', 'container_image', 'hashes', 'task_other_actions']
THEME_IDS = ['admin_automation', 'software_installation', 'appdata_updater', 'random_task_name',
             'system_task_by_application', 'shell_spawning_task', 'trusted_lolbin_task', 'logon_process',
             'remote_admin_task', 'linux_admin', 'kubernetes_cronjob', 'gpo_localhost', 'unlikely', 'generic']
SETTINGS = ['admin_accounts', 'admin_groups', 'management_servers', 'trusted_software', 'internal_networks']
BASE_MODIFIERS = ['contains', 'startswith', 'endswith', 're', 'cidr', 'exists']
FLAG_MODIFIERS = ['all', 'expand']
SOFTWARE_KINDS = ['updater', 'installer', 'agent', 'package_manager', 'timer', 'ci']
# Settings used for the demo workspace (resources/demo/README.md: admin group adm_*, jump host jmp-01,
# SCCM server srv-sccm-01, RFC 1918 internal addresses).
DEMO_SETTINGS = {
    'admin_accounts': ['adm_*'],
    'admin_groups': [],
    'management_servers': ['jmp-01', 'srv-sccm-01'],
    'trusted_software': [],
    'internal_networks': ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'],
}

errors = []


def error(msg):
    errors.append(msg)


# ----------------------------------------------------------------------------- minimal YAML subset
class YamlError(Exception):
    pass


def _scalar(text, where):
    t = text.strip()
    if t == '':
        return None
    if t[0] == "'":
        if len(t) < 2 or t[-1] != "'":
            raise YamlError('%s: unterminated single-quoted string' % where)
        body = t[1:-1]
        if re.search(r"(?<!')'(?!')", body.replace("''", '')):
            raise YamlError('%s: stray quote in %s' % (where, t))
        return body.replace("''", "'")
    if t[0] == '"':
        if len(t) < 2 or t[-1] != '"':
            raise YamlError('%s: unterminated double-quoted string' % where)
        return json.loads(t)
    if t[0] == '[':
        return _flow_list(t, where)
    if t[0] in '{&*!|>%@`':
        raise YamlError('%s: unsupported YAML construct %r' % (where, t))
    if re.fullmatch(r'-?\d+', t):
        return int(t)
    if t in ('true', 'false'):
        return t == 'true'
    if t in ('null', '~'):
        return None
    if ': ' in t or ' #' in t:
        raise YamlError('%s: plain scalar needs quotes: %r' % (where, t))
    return t


def _flow_list(t, where):
    if not t.endswith(']'):
        raise YamlError('%s: unterminated flow list' % where)
    body = t[1:-1].strip()
    items, cur, quote, i = [], '', None, 0
    while i < len(body):
        c = body[i]
        if quote == "'":
            cur += c
            if c == "'":
                if i + 1 < len(body) and body[i + 1] == "'":
                    cur += "'"
                    i += 1
                else:
                    quote = None
        elif quote == '"':
            cur += c
            if c == '\\':
                cur += body[i + 1]
                i += 1
            elif c == '"':
                quote = None
        elif c in "'\"":
            quote = c
            cur += c
        elif c == ',':
            items.append(cur)
            cur = ''
        elif c in '[]{}':
            raise YamlError('%s: nested flow collections are not supported' % where)
        else:
            cur += c
        i += 1
    if quote:
        raise YamlError('%s: unterminated string in flow list' % where)
    if cur.strip() or items:
        items.append(cur)
    return [_scalar(x, where) for x in items]


def load_yaml(path):
    lines = []
    with open(path, encoding='utf-8') as f:
        for no, raw in enumerate(f, 1):
            line = raw.rstrip('\n')
            if '\t' in line[:len(line) - len(line.lstrip())]:
                raise YamlError('%s:%d: tab in indentation' % (path, no))
            s = line.strip()
            if not s or s.startswith('#'):
                continue
            lines.append([len(line) - len(line.lstrip(' ')), s, '%s:%d' % (os.path.basename(path), no)])

    def split_key(s, where):
        m = re.match(r'^([^\'"\s][^:]*?):(\s+(.*))?$', s)
        if not m:
            raise YamlError('%s: expected "key: value", got %r' % (where, s))
        return m.group(1), (m.group(3) or '')

    def block(i, indent):
        if i >= len(lines):
            return None, i
        if lines[i][1] == '-' or lines[i][1].startswith('- '):
            seq = []
            while i < len(lines) and lines[i][0] == indent and (lines[i][1] == '-' or lines[i][1].startswith('- ')):
                rest = lines[i][1][1:].strip()
                where = lines[i][2]
                if not rest:
                    val, i = block(i + 1, lines[i + 1][0]) if i + 1 < len(lines) and lines[i + 1][0] > indent else (None, i + 1)
                    seq.append(val)
                elif re.match(r'^[^\'"\[\s][^:]*:(\s|$)', rest):
                    lines[i] = [indent + 2, rest, where]
                    val, i = block(i, indent + 2)
                    seq.append(val)
                else:
                    seq.append(_scalar(rest, where))
                    i += 1
            if i < len(lines) and lines[i][0] > indent:
                raise YamlError('%s: bad indentation' % lines[i][2])
            return seq, i
        mapping = {}
        while i < len(lines) and lines[i][0] == indent:
            if lines[i][1].startswith('- '):
                raise YamlError('%s: list item where a key was expected' % lines[i][2])
            key, rest = split_key(lines[i][1], lines[i][2])
            where = lines[i][2]
            if key in mapping:
                raise YamlError('%s: duplicate key %r' % (where, key))
            if rest.strip():
                mapping[key] = _scalar(rest, where)
                i += 1
            else:
                i += 1
                if i < len(lines) and (lines[i][0] > indent or
                                       (lines[i][0] == indent and lines[i][1].startswith('- '))):
                    mapping[key], i = block(i, lines[i][0])
                else:
                    mapping[key] = None
        if i < len(lines) and lines[i][0] > indent:
            raise YamlError('%s: bad indentation' % lines[i][2])
        return mapping, i

    if not lines:
        return None
    value, i = block(0, lines[0][0])
    if i != len(lines):
        raise YamlError('%s: unparsed content' % lines[i][2])
    return value


# ----------------------------------------------------------------------------- condition engine
def glob_regex(pattern, mode):
    # Sigma wildcards: '*' any run, '?' one character, '\*' and '\?' literal, other backslashes literal.
    parts, i = [], 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == '\\' and i + 1 < len(pattern) and pattern[i + 1] in '*?':
            parts.append(re.escape(pattern[i + 1]))
            i += 2
            continue
        parts.append('.*' if ch == '*' else '.' if ch == '?' else re.escape(ch))
        i += 1
    rx = ''.join(parts)
    if mode in ('contains', 'endswith'):
        rx = '.*' + rx
    if mode in ('contains', 'startswith'):
        rx = rx + '.*'
    return re.compile(rx, re.IGNORECASE | re.DOTALL)


def parse_key(key):
    parts = key.split('|')
    field, mods = parts[0], parts[1:]
    base = [m for m in mods if m in BASE_MODIFIERS]
    flags = [m for m in mods if m in FLAG_MODIFIERS]
    unknown = [m for m in mods if m not in BASE_MODIFIERS + FLAG_MODIFIERS]
    return field, (base[0] if base else None), flags, unknown, len(base)


def expand_values(values, settings):
    """Returns the expanded list, or None when a referenced setting is empty (predicate inactive)."""
    out = []
    for v in values:
        names = re.findall(r'%([a-z_]+)%', str(v))
        if not names:
            out.append(v)
            continue
        if str(v) != '%' + names[0] + '%' or len(names) != 1:
            raise ValueError('a placeholder must be the whole value: %r' % v)
        vals = settings.get(names[0]) or []
        if not vals:
            return None
        out.extend(vals)
    return out


def match_key(key, value, event, settings):
    field, base, flags, _, _ = parse_key(key)
    raw = event.get(field)
    text = '' if raw is None else str(raw)
    if base == 'exists':
        return (text != '') == bool(value)
    values = value if isinstance(value, list) else [value]
    if 'expand' in flags:
        values = expand_values(values, settings)
        if values is None:
            return None
    if text == '':
        return False
    results = []
    for v in values:
        v = str(v)
        if base == 're':
            ok = re.search(v, text, re.IGNORECASE) is not None
        elif base == 'cidr':
            try:
                ok = ipaddress.ip_address(text.strip()) in ipaddress.ip_network(v, strict=False)
            except ValueError:
                ok = False
        else:
            ok = glob_regex(v, base or 'equals').fullmatch(text) is not None
        results.append(ok)
    return all(results) if 'all' in flags else any(results)


def match_map(cond, event, settings):
    for k, v in cond.items():
        r = match_key(k, v, event, settings)
        if r is None:
            return None
        if not r:
            return False
    return True


def predicate_matches(pred, event, settings):
    for name in as_list(pred.get('settings')):
        if not settings.get(name):
            return False  # inactive until the analyst fills the setting
    r = match_map(pred['condition'], event, settings)
    if not r:
        return False
    if pred.get('filter'):
        f = match_map(pred['filter'], event, settings)
        if f:
            return False
    return True


def split_notes(text):
    return [x for x in re.split(r'[;,\s]+', text or '') if x]


def as_list(v):
    if v is None:
        return []
    return v if isinstance(v, list) else [v]


# ----------------------------------------------------------------------------- structural checks
def load(name):
    path = os.path.join(HERE, name)
    try:
        data = load_yaml(path)
    except (OSError, YamlError, ValueError) as e:
        error('%s: %s' % (name, e))
        return None
    try:  # cross-check with PyYAML when it happens to be installed
        import yaml  # type: ignore
        with open(path, encoding='utf-8') as f:
            if yaml.safe_load(f) != data:
                error('%s: the subset parser and PyYAML disagree' % name)
    except ImportError:
        pass
    return data


def snake(title):
    return re.sub(r'[ \-./]', '_', title.lower())


def check_themes(data):
    themes = (data or {}).get('themes') or []
    ids = [t.get('id') for t in themes]
    if sorted(ids) != sorted(THEME_IDS):
        error('themes.yaml: ids %s differ from the required %s' % (ids, THEME_IDS))
    for t in themes:
        for k in ('id', 'title', 'description'):
            if not isinstance(t.get(k), str) or not t.get(k):
                error('themes.yaml: %s: missing %s' % (t.get('id'), k))
    return set(ids)


def check_notes(data, seed_path, theme_ids):
    notes = (data or {}).get('notes') or []
    if len(notes) != 44:
        error('notes.yaml: %d notes, expected 44' % len(notes))
    seed = None
    try:
        with open(seed_path, encoding='utf-8', newline='') as f:
            seed = f.read().split('\n')[5:49]
    except OSError:
        print('note: seed file %s not found; note texts not compared' % seed_path)
    for i, n in enumerate(notes):
        want = 't1053-%02d' % (i + 1)
        if n.get('id') != want:
            error('notes.yaml: entry %d has id %r, expected %s' % (i + 1, n.get('id'), want))
        if seed is not None and i < len(seed) and n.get('text') != seed[i]:
            error('notes.yaml: %s text differs from seed line %d' % (want, i + 6))
        if n.get('theme') not in theme_ids:
            error('notes.yaml: %s: unknown theme %r' % (want, n.get('theme')))
        if not as_list(n.get('rules')):
            error('notes.yaml: %s has no rules' % want)
    return {n.get('id'): n for n in notes}


def check_rules(data, notes):
    rules = (data or {}).get('rules') or []
    by_id, names = {}, {}
    for r in rules:
        rid = r.get('id') or ''
        m = re.fullmatch(r'(sigma|splunk|elastic):([0-9a-f-]{36})', rid)
        if not m:
            error('rules.yaml: bad id %r' % rid)
        elif m.group(1) != r.get('source'):
            error('rules.yaml: %s: source %r does not match the id' % (rid, r.get('source')))
        if rid in by_id:
            error('rules.yaml: duplicate id %s' % rid)
        by_id[rid] = r
        if not r.get('title'):
            error('rules.yaml: %s: no title' % rid)
        if r.get('source') == 'splunk':
            if r.get('filter_macro') != snake(r.get('title', '')) + '_filter':
                error('rules.yaml: %s: filter_macro %r does not follow the ESCU naming rule' % (rid, r.get('filter_macro')))
        elif r.get('filter_macro'):
            error('rules.yaml: %s: filter_macro on a non-Splunk rule' % rid)
        for name in [r.get('title')] + as_list(r.get('aliases')) + [rid]:
            key = str(name).lower()
            if key in names and names[key] != rid:
                error('rules.yaml: name %r used by %s and %s' % (name, names[key], rid))
            names[key] = rid
        for nid in as_list(r.get('notes')):
            if nid not in notes:
                error('rules.yaml: %s: unknown note %s' % (rid, nid))
            elif rid not in as_list(notes[nid].get('rules')):
                error('rules.yaml: %s lists %s but the note does not list the rule' % (rid, nid))
        detects = r.get('detects')
        if detects is not None:
            where = 'rules.yaml: %s: detects' % rid
            if not isinstance(detects, dict) or set(detects) - {'condition', 'filter'}:
                error('%s: must be a map of condition and filter' % where)
            else:
                if check_condition_parts(where, detects):
                    error('%s: a rule\'s query names no analyst setting' % where)
                if not as_list(r.get('notes')):
                    error('%s: only a rule that carries notes lends them to the events it detects' % where)
        for rel in as_list(r.get('related_notes')):
            if rel.get('note') not in notes:
                error('rules.yaml: %s: unknown related note %s' % (rid, rel.get('note')))
    for nid, n in notes.items():
        for rid in as_list(n.get('rules')):
            if rid not in by_id:
                error('notes.yaml: %s: rule %s is not in rules.yaml' % (nid, rid))
            elif nid not in as_list(by_id[rid].get('notes')):
                error('notes.yaml: %s lists %s but the rule does not list the note' % (nid, rid))
    return by_id, names


def check_condition_parts(where, item):
    """Checks an item's condition (required) and filter (optional) maps; returns the settings they name."""
    used = set()
    for part in ('condition', 'filter'):
        cond = item.get(part)
        if part == 'condition' and (not isinstance(cond, dict) or not cond):
            error('%s: condition must be a non-empty map' % where)
            continue
        if cond is None:
            continue
        if not isinstance(cond, dict) or not cond:
            error('%s: filter must be a non-empty map' % where)
            continue
        for key, value in cond.items():
            field, base, flags, unknown, nbase = parse_key(key)
            if field not in FIELDS:
                error('%s: unknown field %r' % (where, field))
            if unknown or nbase > 1:
                error('%s: bad modifiers in %r' % (where, key))
            values = as_list(value)
            if not values:
                error('%s: %s has no value' % (where, key))
            if base == 'exists':
                if not isinstance(value, bool) or flags:
                    error('%s: %s takes true or false' % (where, key))
                continue
            placeholders = sum(1 for v in values if re.fullmatch(r'%[a-z_]+%', str(v)))
            if 'expand' in flags and placeholders != 1:
                error('%s: %s: |expand takes one %%setting%% placeholder (beside literal values)' % (where, key))
            for v in values:
                if isinstance(v, bool) or v is None or isinstance(v, (dict, list)):
                    error('%s: %s: bad value %r' % (where, key, v))
                    continue
                names = re.findall(r'%([a-z_]+)%', str(v))
                if names and 'expand' not in flags:
                    error('%s: %s: placeholder without |expand' % (where, key))
                used.update(names)
                if base != 're' and re.search(r'\\[*?]', str(v)):
                    error('%s: %s: backslash directly before a wildcard in %r' % (where, key, v))
                if base == 're' and not names:
                    try:
                        re.compile(str(v), re.IGNORECASE)
                    except re.error as e:
                        error('%s: %s: bad regex: %s' % (where, key, e))
                    if re.search(r'\(\?[<=!]|\(\?<[=!]|\\[1-9]', str(v)):
                        error('%s: %s: lookaround/backreference is outside the portable subset' % (where, key))
                if base == 'cidr' and not names:
                    try:
                        ipaddress.ip_network(str(v), strict=False)
                    except ValueError:
                        error('%s: %s: bad CIDR %r' % (where, key, v))
    return used


def check_evidence(data, theme_ids):
    preds = (data or {}).get('evidence') or []
    seen = set()
    facts = {}  # fact -> the kinds of the predicates that observe it
    for p in preds:
        pid = p.get('id')
        where = 'evidence.yaml: %s' % pid
        if not pid or pid in seen:
            error('%s: missing or duplicate id' % where)
        seen.add(pid)
        if p.get('kind') not in ('support', 'counter'):
            error('%s: kind must be support or counter' % where)
        w = p.get('weight')
        if not isinstance(w, int) or isinstance(w, bool) or not 1 <= w <= 40:
            error('%s: weight must be an integer 1..40' % where)
        themes = as_list(p.get('themes'))
        if p.get('kind') == 'support' and not themes:
            error('%s: a support predicate needs themes' % where)
        if p.get('kind') == 'counter' and themes:
            error('%s: a counter predicate takes no themes' % where)
        if p.get('scope') not in (None, 'task'):
            error('%s: scope must be task (or absent)' % where)
        if p.get('explains_one_off') not in (None, True):
            error('%s: explains_one_off is true or absent' % where)
        if p.get('explains_one_off') and p.get('kind') != 'support':
            error('%s: only support predicates explain a one-off task' % where)
        if p.get('scope') and p.get('kind') != 'counter':
            error('%s: only counter predicates take a scope' % where)
        fact = p.get('fact')
        if fact is not None:
            if not isinstance(fact, str) or not re.fullmatch(r'[a-z][a-z0-9_]*', fact):
                error('%s: fact must be a lower-case identifier' % where)
            facts.setdefault(fact, set()).add(p.get('kind'))
        for t in themes:
            if t not in theme_ids:
                error('%s: unknown theme %s' % (where, t))
        for ph in re.findall(r'\{([^}]*)\}', p.get('sentence') or ''):
            if ph not in FIELDS:
                error('%s: sentence placeholder {%s} is not an event field' % (where, ph))
        if not p.get('sentence'):
            error('%s: no sentence' % where)
        twin = p.get('other_actions')
        if twin is not None:
            # The loader derives a twin reading task_other_actions where this reads task_action.
            tid = (twin or {}).get('id')
            if not tid or tid in seen:
                error('%s: other_actions: missing or duplicate id' % where)
            seen.add(tid)
            if p.get('kind') != 'counter':
                error('%s: other_actions is for counter-evidence' % where)
            if not (twin or {}).get('sentence'):
                error('%s: other_actions: no sentence' % where)
            for ph in re.findall(r'\{([^}]*)\}', (twin or {}).get('sentence') or ''):
                if ph not in FIELDS:
                    error('%s: other_actions: placeholder {%s} is not an event field' % (where, ph))
            if not any(str(k).split('|')[0] == 'task_action' for k in ((p.get('condition') or {}).keys())):
                error('%s: other_actions on a condition without task_action' % where)
        declared = as_list(p.get('settings'))
        for s in declared:
            if s not in SETTINGS:
                error('%s: unknown setting %s' % (where, s))
        used = check_condition_parts(where, p)
        for s in used:
            if s not in declared:
                error('%s: placeholder %%%s%% not declared in settings' % (where, s))
        for s in declared:
            if s not in used:
                error('%s: setting %s declared but not used' % (where, s))
    for fact, kinds in facts.items():
        if len(kinds) > 1:
            error('evidence.yaml: fact %s is observed by both support and counter predicates' % fact)
        if sum(1 for p in preds if p.get('fact') == fact) < 2:
            error('evidence.yaml: fact %s is named by one predicate only' % fact)
    return preds


def check_software(data, notes):
    entries = (data or {}).get('software') or []
    seen = set()
    for e in entries:
        sid = e.get('id')
        where = 'software.yaml: %s' % sid
        if not sid or sid in seen:
            error('%s: missing or duplicate id' % where)
        seen.add(sid)
        for k in ('vendor', 'product'):
            if not e.get(k):
                error('%s: missing %s' % (where, k))
        if e.get('kind') not in SOFTWARE_KINDS:
            error('%s: kind %r not in %s' % (where, e.get('kind'), SOFTWARE_KINDS))
        for k in ('task_name_patterns', 'binaries', 'paths', 'parents', 'notes'):
            if not isinstance(e.get(k), list):
                error('%s: %s must be a list' % (where, k))
        for nid in as_list(e.get('notes')):
            if nid not in notes:
                error('%s: unknown note %s' % (where, nid))
        for k in ('task_name_patterns', 'binaries', 'paths', 'parents', 'service_accounts', 'user_agents'):
            for v in as_list(e.get(k)):
                if not isinstance(v, str) or not v:
                    error('%s: %s: bad value %r' % (where, k, v))
                elif re.search(r'\\[*?]', v):
                    error('%s: %s: backslash directly before a wildcard in %r' % (where, k, v))
        if e.get('kind') == 'ci':
            for k in ('service_accounts', 'user_agents'):
                if not isinstance(e.get(k), list):
                    error('%s: %s must be a list for kind ci' % (where, k))
    return entries


# ----------------------------------------------------------------------------- demo data
def demo_rule_names():
    """(file, record_no, rule name or id) for every record of the demo exports, read from the raw files."""
    out = []
    path = os.path.join(DEMO, 'splunk_notables.csv')
    if os.path.exists(path):
        with open(path, encoding='utf-8', newline='') as f:
            for i, row in enumerate(csv.DictReader(f)):
                out.append(('splunk_notables.csv', i, row.get('rule_name'), row.get('search_name'), None))
    path = os.path.join(DEMO, 'elastic_alerts.ndjson')
    if os.path.exists(path):
        with open(path, encoding='utf-8') as f:
            for i, line in enumerate(f):
                src = json.loads(line).get('_source', {})
                out.append(('elastic_alerts.ndjson', i, src.get('kibana.alert.rule.name'), None,
                            src.get('kibana.alert.rule.rule_id')))
    return out


def load_ground_truth():
    path = os.path.join(DEMO, 'ground_truth.csv')
    gt = {}
    if os.path.exists(path):
        with open(path, encoding='utf-8', newline='') as f:
            for row in csv.DictReader(f):
                gt[(row['source_file'], int(row['record_no']))] = row
    return gt


def find_cli(explicit):
    if explicit:
        return [explicit]
    found = []
    if os.environ.get('TUNEBENCH_CLI'):
        found.append(os.environ['TUNEBENCH_CLI'])
    found += sorted(glob.glob(os.path.join(REPO, 'build', '*', 'bin', 'tunebench-cli')))
    on_path = shutil.which('tunebench-cli')
    if on_path:
        found.append(on_path)
    return found


def demo_events(workspace, cli):
    """Normalised demo events as dicts, read from a workspace (imported now if needed), or None."""
    tmp = None
    if not workspace:
        files = [os.path.join(DEMO, 'splunk_notables.csv'), os.path.join(DEMO, 'elastic_alerts.ndjson')]
        for exe in find_cli(cli):
            tmp = tempfile.mkdtemp(prefix='tb-knowledge-')
            ws = os.path.join(tmp, 'demo.tunebench')
            try:
                r = subprocess.run([exe, 'import', '--db', ws] + files, capture_output=True, text=True, timeout=300)
            except (OSError, subprocess.SubprocessError):
                r = None
            if r is not None and r.returncode == 0:
                workspace = ws
                print('demo events: imported with %s' % exe)
                break
            shutil.rmtree(tmp, ignore_errors=True)
            tmp = None
        if not workspace:
            return None
    try:
        con = sqlite3.connect('file:%s?mode=ro' % workspace, uri=True)
        con.row_factory = sqlite3.Row
        rows = [dict(r) for r in con.execute('SELECT * FROM events')]
        con.close()
        return rows
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--workspace', help='a .tunebench workspace that holds the imported demo exports')
    ap.add_argument('--cli', help='tunebench-cli used to import the demo into a temporary workspace')
    ap.add_argument('--seed', default=DEFAULT_SEED, help='LoFP t1053 seed text (default %(default)s)')
    ap.add_argument('-v', '--verbose', action='store_true', help='list uncovered demo events')
    args = ap.parse_args()

    src = os.path.join(REPO, 'models', 'ingest', 'EventField.cpp')
    if os.path.exists(src):
        with open(src, encoding='utf-8') as f:
            cols = re.findall(r'\{F::\w+, "([a-z0-9_]+)"', f.read())
        if cols:
            FIELDS[:] = cols

    theme_ids = check_themes(load('themes.yaml'))
    notes = check_notes(load('notes.yaml'), args.seed, theme_ids)
    rules, names = check_rules(load('rules.yaml'), notes)
    preds = check_evidence(load('evidence.yaml'), theme_ids)
    software = check_software(load('software.yaml'), notes)
    n_support = sum(1 for p in preds if p.get('kind') == 'support')
    n_twins = sum(1 for p in preds if p.get('other_actions') is not None)
    print('themes %d, notes %d, rules %d (%d carry notes), software %d, predicates %d (%d support, %d counter, '
          'and %d other-action twins the loader derives)'
          % (len(theme_ids), len(notes), len(rules), sum(1 for r in rules.values() if as_list(r.get('notes'))),
             len(software), len(preds), n_support, len(preds) - n_support, n_twins))

    # rule names used by the demo exports
    gt = load_ground_truth()
    unresolved, resolved = set(), {}
    for fname, rec, name, search_name, rule_id in demo_rule_names():
        rid = None
        for candidate in (name, search_name, rule_id):
            if candidate and str(candidate).lower() in names:
                found = names[str(candidate).lower()]
                if rid and found != rid:
                    error('demo %s#%d: %r and %r resolve to different rules' % (fname, rec, name, candidate))
                rid = rid or found
            elif candidate:
                unresolved.add(candidate)
        resolved[(fname, rec)] = rid
        row = gt.get((fname, rec))
        if rid and row:
            for nid in split_notes(row['notes']):
                if nid not in as_list(rules[rid].get('notes')):
                    error('demo %s#%d: ground-truth note %s is not carried by %s' % (fname, rec, nid, rid))
    print('demo rule names: %d distinct unresolved%s' % (len(unresolved), (': ' + ', '.join(sorted(unresolved))) if unresolved else ''))
    for u in sorted(unresolved):
        error('demo rule name or id %r does not resolve to a catalog rule' % u)

    events = demo_events(args.workspace, args.cli)
    if events is None:
        print('demo coverage: skipped (no workspace given and no tunebench-cli could import the demo)')
    else:
        theme_of = {nid: n.get('theme') for nid, n in notes.items()}
        mal = mal_hit = ben = ben_hit = ben_fp = ben_all = 0
        per_pred = {p['id']: [0, 0] for p in preds}  # [benign hits, malicious hits]
        present = sum(1 for ev in events if (ev['source_file'], ev['record_no']) in gt)
        if present < len(gt):
            print('WARNING: the workspace holds %d of the %d demo records; figures cover those only' % (present, len(gt)))
        fieldless = 0
        misses = []
        for ev in events:
            row = gt.get((ev['source_file'], ev['record_no']))
            if not row:
                continue
            hits = [p for p in preds if predicate_matches(p, ev, DEMO_SETTINGS)]
            counters = [p['id'] for p in hits if p['kind'] == 'counter']
            for p in hits:
                per_pred[p['id']][row['verdict'] == 'malicious'] += 1
            label = '%s#%d %s' % (ev['source_file'], ev['record_no'], row['scenario'])
            if row['verdict'] == 'malicious':
                mal += 1
                if counters:
                    mal_hit += 1
                else:
                    useful = [f for f in FIELDS if ev.get(f) not in (None, '') and f not in (
                        'time_utc', 'time_original', 'time_confidence', 'alert_time_utc', 'platform', 'host',
                        'host_fqdn', 'user', 'user_domain', 'user_sid', 'rule_name', 'rule_id', 'rule_ref_id',
                        'rule_source', 'severity', 'severity_raw', 'risk_score', 'status', 'status_raw',
                        'disposition_raw', 'owner', 'mitre', 'event_source', 'record_id', 'process_pid', 'parent_pid')]
                    if not useful:
                        fieldless += 1
                    misses.append('malicious, no counter-evidence%s: %s'
                                  % ('' if useful else ' (no event detail in the export)', label))
            else:
                ben_all += 1
                if counters:
                    ben_fp += 1
                    if args.verbose:
                        misses.append('benign with counter-evidence %s: %s' % (counters, label))
                nids = split_notes(row['notes'])
                if nids:
                    ben += 1
                    want = {theme_of.get(n) for n in nids}
                    if any(set(as_list(p.get('themes'))) & want for p in hits if p['kind'] == 'support'):
                        ben_hit += 1
                    else:
                        misses.append('benign [%s], no support predicate of theme %s: %s'
                                      % (' '.join(nids), '/'.join(sorted(filter(None, want))), label))
        pct = lambda a, b: (100.0 * a / b) if b else 0.0
        print('demo coverage (settings: %s)' % ', '.join('%s=%s' % (k, v) for k, v in DEMO_SETTINGS.items() if v))
        print('  malicious events with counter-evidence: %d/%d (%.1f%%); %d of the misses carry no event detail'
              % (mal_hit, mal, pct(mal_hit, mal), fieldless))
        print('  benign events with labelled notes hitting a support predicate of their theme: %d/%d (%.1f%%)'
              % (ben_hit, ben, pct(ben_hit, ben)))
        print('  benign events (all) that also hit counter-evidence: %d/%d (%.1f%%)' % (ben_fp, ben_all, pct(ben_fp, ben_all)))
        if args.verbose:
            for m in misses:
                print('   - ' + m)
            print('  predicate hits on demo events (benign / malicious):')
            for p in preds:
                b, m = per_pred[p['id']]
                print('    %-7s %-40s %4d / %-4d' % (p['kind'], p['id'], b, m))

    for e in errors:
        print('ERROR: ' + e)
    print('%d error(s)' % len(errors))
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
