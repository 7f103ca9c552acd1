import type { SqlValue } from 'sql.js';
import type { SandboxContext } from '../context';
import type { Row, SqlStore } from '../data/sqlite';
import { isPage, readPage } from '../http/paging';
import type { Router } from '../http/router';
import type { SandboxRequest, SandboxResponse } from '../http/types';
import type { ResourceField } from '../../core/schema';
import { isFilter } from '../http/qFilter';
import { countOf, isRows, listFilter, type MatchingRows } from './listFilter';
import { inList, isSchool, listResponse, notFound, pathDcid, pickExpansions, schoolOfPath, text, v1 } from './v1Response';

// The v1 staff resource over USERS (one row per person) and SCHOOLSTAFF (one row per school the
// person works at). Shape from PowerSchool's v1 API reference: id, local_id, admin_username,
// teacher_username, name, users_dcid, and the expansions addresses.home, emails, phones.home_phone,
// school_affiliations.school_affiliation{school_id,type,status}. The id is USERS.DCID (the
// sandbox gives SCHOOLSTAFF the same DCID, so a section's staff_id names the same person).

const staffExpansions = ['addresses', 'emails', 'phones', 'school_affiliations'] as const;
type StaffExpansion = (typeof staffExpansions)[number];
const expansionsAttribute = staffExpansions.join(', ');

/** Every staff field q may name is a USERS column (core/schema's catalog says which), aliased `u`. */
const usersColumnOf = (field: ResourceField) => `u.${field.column.split('.')[1]!.toLowerCase()}`;


/** v1 staff objects for USERS rows, loading school affiliations for the whole page in one query. */
function renderStaff(store: SqlStore, users: readonly Row[], expansions: ReadonlySet<StaffExpansion>): Record<string, unknown>[] {
  const dcids = users.map((user) => user.dcid!);
  const affiliations = new Map<SqlValue, Record<string, unknown>[]>();
  if (expansions.has('school_affiliations') && dcids.length) {
    const rows = store.all(`SELECT ss.users_dcid, sc.dcid AS school_id, ss.staffstatus, ss.status FROM schoolstaff ss
      JOIN schools sc ON sc.school_number = ss.schoolid WHERE ss.users_dcid IN (${inList(dcids)}) ORDER BY ss.dcid`, dcids);
    for (const row of rows) {
      const list = affiliations.get(row.users_dcid!) ?? [];
      // type is SCHOOLSTAFF.STAFFSTATUS (1 = teacher), status SCHOOLSTAFF.STATUS (1 = active).
      list.push({ school_id: row.school_id, type: row.staffstatus, status: row.status });
      affiliations.set(row.users_dcid!, list);
    }
  }
  return users.map((user) => {
    const staff: Record<string, unknown> = {
      id: user.dcid,
      local_id: text(user.teachernumber),
      admin_username: text(user.loginid),
      teacher_username: text(user.teacherloginid),
      name: { first_name: text(user.first_name), middle_name: text(user.middle_name), last_name: text(user.last_name) },
      users_dcid: user.dcid,
    };
    if (expansions.has('addresses')) {
      staff.addresses = { home: { street: text(user.street), city: text(user.city), state_province: text(user.state), postal_code: text(user.zip) } };
    }
    // The reference leaves `emails` untyped; work_email is PowerSchool's name for USERS.EMAIL_ADDR.
    if (expansions.has('emails')) staff.emails = { work_email: text(user.email_addr) };
    if (expansions.has('phones')) staff.phones = { home_phone: text(user.home_phone) };
    if (expansions.has('school_affiliations')) staff.school_affiliations = { school_affiliation: affiliations.get(user.dcid!) ?? [] };
    return staff;
  });
}

/** Registers /ws/v1/staff/{id} and /ws/v1/school/{id}/staff (+ /count). */
export function addStaffRoutes(router: Router, context: SandboxContext): void {
  const { store } = context;

  router.add('GET', '/ws/v1/staff/{id}', (request) => {
    const dcid = pathDcid(request.params.id);
    const user = dcid === undefined ? undefined : store.get('SELECT * FROM users WHERE dcid = ?', [dcid]);
    if (!user) return notFound('staff', request.params.id);
    const [staff] = renderStaff(store, [user], pickExpansions(request.query.get('expansions'), staffExpansions));
    return v1(200, { staff: { '@expansions': expansionsAttribute, '@extensions': '', ...staff } });
  });

  /** The school's staff matching q, as SQL after `SELECT …` with its parameters. */
  const staffOfSchool = (request: SandboxRequest): MatchingRows | SandboxResponse => {
    const school = schoolOfPath(store, request.params.id);
    if (!isSchool(school)) return school;
    const filter = listFilter(request, 'staff', usersColumnOf);
    if (!isFilter(filter)) return filter;
    return { from: `FROM users u WHERE u.dcid IN (SELECT users_dcid FROM schoolstaff WHERE schoolid = ?) AND ${filter.where}`, params: [school.number, ...filter.params] };
  };
  router.add('GET', '/ws/v1/school/{id}/staff/count', (request) => countOf(store, staffOfSchool(request)));
  router.add('GET', '/ws/v1/school/{id}/staff', (request: SandboxRequest) => {
    const rows = staffOfSchool(request);
    if (!isRows(rows)) return rows;
    const page = readPage(request.query, context.maxPageSize, 'staff');
    if (!isPage(page)) return page;
    const users = store.all(`SELECT u.* ${rows.from} ORDER BY u.dcid LIMIT ? OFFSET ?`, [...rows.params, page.limit, page.offset]);
    const staff = renderStaff(store, users, pickExpansions(request.query.get('expansions'), staffExpansions));
    // "staffs" is PowerSchool's plural for the list element.
    return listResponse('staffs', 'staff', staff, { '@expansions': expansionsAttribute, '@extensions': '' });
  });
}
