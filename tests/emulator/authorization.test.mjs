// tests/emulator/authorization.test.mjs — Authorization (roles, permissions, role assignments,
// resources, checks) and Groups through WorkOS's own Node SDK, raw requests where the SDK has no
// method or to check the wire itself.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ConflictException, NotFoundException, UnprocessableEntityException } from '@workos-inc/node';
import { startEmulator } from './harness.mjs';

const T = { timeout: 30_000 };
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
let emu;
let workos;
let authz;
before(async () => {
  emu = await startEmulator();
  workos = emu.sdk();
  authz = workos.authorization;
});
after(async () => emu?.stop());

let counter = 0;
const unique = (p) => `${p}-${Date.now().toString(36)}-${counter++}`;
const org = (name = unique('Org')) => workos.organizations.createOrganization({ name });

/** A user and a membership in `orgId` through raw user-management calls; null when that product is missing. */
async function member(orgId, body = {}) {
  const user = await emu.raw('POST', '/user_management/users', { body: { email: `${unique('u')}@example.com` } });
  if (user.status === 404) return null;
  assert.equal(user.status, 201, JSON.stringify(user.body));
  const m = await emu.raw('POST', '/user_management/organization_memberships', {
    body: { user_id: user.body.id, organization_id: orgId, ...body }
  });
  if (m.status === 404) return null;
  assert.equal(m.status, 201, JSON.stringify(m.body));
  return m.body;
}

async function rejectsWith(promise, Class, code) {
  await assert.rejects(promise, (e) => {
    assert.ok(e instanceof Class, `expected ${Class.name}, got ${e?.constructor?.name}: ${e?.message}`);
    if (code) assert.equal(e.code, code);
    return true;
  });
}

async function eventsOf(types, extra = {}) {
  return (await workos.events.listEvents({ events: types, limit: 100, ...extra })).data;
}

// ----- permissions ------------------------------------------------------------------------------

test('permissions: create, get, list both ways, update, delete, events', T, async () => {
  const prefix = unique('perm').toLowerCase();
  const slugs = [0, 1, 2, 3, 4].map((i) => `${prefix}:p${i}`);
  const created = [];
  for (const slug of slugs)
    created.push(await authz.createPermission({ slug, name: `Perm ${slug}`, description: 'd', resourceTypeSlug: 'document' }));
  const p = created[0];
  assert.match(p.id, /^perm_[0-9A-HJKMNP-TV-Z]{26}$/);
  assert.equal(p.object, 'permission');
  assert.equal(p.slug, slugs[0]);
  assert.equal(p.system, false);
  assert.equal(p.resourceTypeSlug, 'document');
  assert.match(p.createdAt, ISO);
  // Default resource type.
  const plain = await authz.createPermission({ slug: `${prefix}:plain`, name: 'Plain' });
  assert.equal(plain.resourceTypeSlug, 'organization');
  assert.equal(plain.description, null);

  assert.equal((await authz.getPermission(slugs[1])).id, created[1].id);

  // Pagination over every permission: newest first by default, cursors both ways, asc.
  const ids = [...created.map((x) => x.id), plain.id];
  const page1 = await authz.listPermissions({ limit: 2 });
  assert.deepEqual(page1.data.map((x) => x.id), [ids[5], ids[4]]);
  const page2 = await authz.listPermissions({ limit: 2, after: page1.listMetadata.after });
  assert.deepEqual(page2.data.map((x) => x.id), [ids[3], ids[2]]);
  const back = await authz.listPermissions({ limit: 2, before: page2.data[0].id });
  assert.deepEqual(back.data.map((x) => x.id), [ids[5], ids[4]]);
  const asc = await authz.listPermissions({ order: 'asc', limit: 100 });
  assert.deepEqual(asc.data.map((x) => x.id).filter((id) => ids.includes(id)), ids);
  const all = await (await authz.listPermissions()).autoPagination();
  assert.ok(all.length >= 6);

  const updated = await authz.updatePermission(slugs[2], { name: 'Renamed', description: null });
  assert.equal(updated.name, 'Renamed');
  assert.equal(updated.description, null);
  assert.equal(updated.slug, slugs[2]);

  await authz.deletePermission(slugs[3]);
  await rejectsWith(authz.getPermission(slugs[3]), NotFoundException);

  const events = await eventsOf(['permission.created', 'permission.updated', 'permission.deleted'], { limit: 100 });
  const mine = events.filter((e) => e.data.slug?.startsWith(prefix));
  assert.ok(mine.some((e) => e.event === 'permission.created' && e.data.slug === slugs[0]));
  assert.ok(mine.some((e) => e.event === 'permission.updated' && e.data.slug === slugs[2]));
  assert.ok(mine.some((e) => e.event === 'permission.deleted' && e.data.slug === slugs[3]));
});

test('permissions: validation, conflicts and unknown slugs', T, async () => {
  const slug = unique('dup').toLowerCase();
  await authz.createPermission({ slug, name: 'Dup' });
  await rejectsWith(authz.createPermission({ slug, name: 'Dup again' }), ConflictException, 'permission_slug_conflict');
  await rejectsWith(authz.createPermission({ slug: unique('x').toLowerCase() }), UnprocessableEntityException);
  await rejectsWith(authz.createPermission({ slug: 'Not A Slug', name: 'Bad' }), UnprocessableEntityException);
  await rejectsWith(authz.createPermission({ slug: 'x'.repeat(49), name: 'Long' }), UnprocessableEntityException);
  await rejectsWith(authz.getPermission('no-such-permission'), NotFoundException, 'entity_not_found');
  await rejectsWith(authz.updatePermission('no-such-permission', { name: 'x' }), NotFoundException);
  await rejectsWith(authz.deletePermission('no-such-permission'), NotFoundException);
  const raw = await emu.raw('PATCH', `/authorization/permissions/${slug}`, { body: { name: 42 } });
  assert.equal(raw.status, 422);
  assert.equal(raw.body.code, 'invalid_request_parameters');
  assert.deepEqual(raw.body.errors, [{ code: 'invalid_type', field: 'name' }]);
  assert.equal((await emu.raw('GET', '/authorization/permissions?limit=0')).status, 422);
});

// ----- environment roles ------------------------------------------------------------------------

test('environment roles: default member role, create, get, update, permissions replace/add, events', T, async () => {
  const roles = await authz.listEnvironmentRoles();
  assert.equal(roles.object, 'list');
  const memberRole = roles.data.find((r) => r.slug === 'member');
  assert.ok(memberRole, 'every environment has the default member role');
  assert.equal(memberRole.type, 'EnvironmentRole');

  const prefix = unique('er').toLowerCase();
  const [a, b, c] = ['a', 'b', 'c'].map((x) => `${prefix}:${x}`);
  for (const slug of [a, b, c]) await authz.createPermission({ slug, name: slug });

  const slug = unique('editor').toLowerCase();
  const role = await authz.createEnvironmentRole({ slug, name: 'Editor', description: 'Edits things' });
  assert.match(role.id, /^role_[0-9A-HJKMNP-TV-Z]{26}$/);
  assert.equal(role.object, 'role');
  assert.equal(role.type, 'EnvironmentRole');
  assert.equal(role.resourceTypeSlug, 'organization');
  assert.deepEqual(role.permissions, []);
  assert.equal(role.description, 'Edits things');
  assert.match(role.createdAt, ISO);

  const scoped = await authz.createEnvironmentRole({ slug: unique('viewer').toLowerCase(), name: 'V', resourceTypeSlug: 'project' });
  assert.equal(scoped.resourceTypeSlug, 'project');

  assert.equal((await authz.getEnvironmentRole(slug)).id, role.id);
  const listed = await authz.listEnvironmentRoles();
  assert.ok(listed.data.some((r) => r.id === role.id));
  // The role list is not paginated: no list_metadata on the wire.
  const wire = await emu.raw('GET', '/authorization/roles');
  assert.equal(wire.status, 200);
  assert.equal(wire.body.list_metadata, undefined);

  const renamed = await authz.updateEnvironmentRole(slug, { name: 'Chief Editor' });
  assert.equal(renamed.name, 'Chief Editor');
  assert.equal(renamed.description, 'Edits things');

  let r = await authz.setEnvironmentRolePermissions(slug, { permissions: [a, b, a] });
  assert.deepEqual(r.permissions, [a, b]);
  r = await authz.addEnvironmentRolePermission(slug, { permissionSlug: c });
  assert.deepEqual(r.permissions, [a, b, c]);
  r = await authz.addEnvironmentRolePermission(slug, { permissionSlug: a });
  assert.deepEqual(r.permissions, [a, b, c], 'adding a present permission changes nothing');
  // Deleting a permission takes it off the role.
  await authz.deletePermission(b);
  assert.deepEqual((await authz.getEnvironmentRole(slug)).permissions, [a, c]);
  r = await authz.setEnvironmentRolePermissions(slug, { permissions: [] });
  assert.deepEqual(r.permissions, []);

  const events = await eventsOf(['role.created', 'role.updated']);
  const mine = events.filter((e) => e.data.slug === slug);
  assert.ok(mine.some((e) => e.event === 'role.created' && e.data.object === 'role'));
  assert.ok(mine.some((e) => e.event === 'role.updated' && e.data.permissions.length === 0));
});

test('environment roles: errors', T, async () => {
  const slug = unique('dup-role').toLowerCase();
  await authz.createEnvironmentRole({ slug, name: 'Dup' });
  await rejectsWith(authz.createEnvironmentRole({ slug, name: 'Dup' }), ConflictException, 'role_slug_conflict');
  await rejectsWith(authz.createEnvironmentRole({ slug: unique('x').toLowerCase() }), UnprocessableEntityException);
  await rejectsWith(authz.createEnvironmentRole({ name: 'No slug' }), UnprocessableEntityException);
  await rejectsWith(authz.createEnvironmentRole({ slug: 'Has Spaces', name: 'Bad' }), UnprocessableEntityException);
  await rejectsWith(authz.getEnvironmentRole('no-such-role'), NotFoundException);
  await rejectsWith(authz.updateEnvironmentRole('no-such-role', { name: 'x' }), NotFoundException);
  await rejectsWith(authz.setEnvironmentRolePermissions(slug, { permissions: ['no:such'] }), NotFoundException);
  await rejectsWith(authz.addEnvironmentRolePermission(slug, { permissionSlug: 'no:such' }), NotFoundException);
  const bad = await emu.raw('PUT', `/authorization/roles/${slug}/permissions`, { body: {} });
  assert.equal(bad.status, 422);
  assert.deepEqual(bad.body.errors, [{ code: 'required', field: 'permissions' }]);
  const bad2 = await emu.raw('POST', `/authorization/roles/${slug}/permissions`, { body: {} });
  assert.equal(bad2.status, 422);
});

// ----- organization roles -----------------------------------------------------------------------

test('organization roles: create (given and generated slugs), list, get, update, permissions, delete, events', T, async () => {
  const o = await org();
  const prefix = unique('or').toLowerCase();
  const [a, b] = [`${prefix}:a`, `${prefix}:b`];
  for (const slug of [a, b]) await authz.createPermission({ slug, name: slug });

  const role = await authz.createOrganizationRole(o.id, { slug: 'org-billing', name: 'Billing', description: 'Pays' });
  assert.match(role.id, /^role_/);
  assert.equal(role.type, 'OrganizationRole');
  assert.equal(role.slug, 'org-billing');
  assert.equal(role.resourceTypeSlug, 'organization');
  const wire = await emu.raw('GET', `/authorization/organizations/${o.id}/roles/org-billing`);
  assert.equal(wire.body.organization_id, undefined, 'the wire role has no organization_id');
  assert.equal(wire.body.type, 'OrganizationRole');

  const generated = await authz.createOrganizationRole(o.id, { name: 'Support Lead' });
  assert.match(generated.slug, /^org-support-lead-[a-z0-9]{6}$/);

  // The organization's roles: environment roles, then its custom roles.
  const list = await authz.listOrganizationRoles(o.id);
  const slugs = list.data.map((r) => r.slug);
  assert.ok(slugs.includes('member'));
  assert.deepEqual(slugs.slice(-2), ['org-billing', generated.slug]);
  // Another organization does not see them.
  const other = await org();
  assert.ok(!(await authz.listOrganizationRoles(other.id)).data.some((r) => r.slug === 'org-billing'));
  await rejectsWith(authz.getOrganizationRole(other.id, 'org-billing'), NotFoundException);
  // The same slug may exist in another organization.
  await authz.createOrganizationRole(other.id, { slug: 'org-billing', name: 'Billing elsewhere' });

  assert.equal((await authz.getOrganizationRole(o.id, 'org-billing')).id, role.id);
  // An environment role is reachable through the organization too.
  assert.equal((await authz.getOrganizationRole(o.id, 'member')).type, 'EnvironmentRole');

  const updated = await authz.updateOrganizationRole(o.id, 'org-billing', { name: 'Billing Admin', description: null });
  assert.equal(updated.name, 'Billing Admin');
  assert.equal(updated.description, null);

  let r = await authz.setOrganizationRolePermissions(o.id, 'org-billing', { permissions: [a] });
  assert.deepEqual(r.permissions, [a]);
  r = await authz.addOrganizationRolePermission(o.id, 'org-billing', { permissionSlug: b });
  assert.deepEqual(r.permissions, [a, b]);
  await authz.removeOrganizationRolePermission(o.id, 'org-billing', { permissionSlug: a });
  assert.deepEqual((await authz.getOrganizationRole(o.id, 'org-billing')).permissions, [b]);
  const removed = await emu.raw('DELETE', `/authorization/organizations/${o.id}/roles/org-billing/permissions/${b}`);
  assert.equal(removed.status, 200);
  assert.deepEqual(removed.body.permissions, []);
  assert.equal(removed.body.object, 'role');

  await authz.deleteOrganizationRole(o.id, generated.slug);
  await rejectsWith(authz.getOrganizationRole(o.id, generated.slug), NotFoundException);

  const events = await eventsOf(['organization_role.created', 'organization_role.updated', 'organization_role.deleted'], {
    organizationId: o.id
  });
  const kinds = new Set(events.map((e) => e.event));
  assert.deepEqual([...kinds].sort(), ['organization_role.created', 'organization_role.deleted', 'organization_role.updated']);
  const createdEvent = events.find((e) => e.event === 'organization_role.created' && e.data.slug === 'org-billing');
  assert.equal(createdEvent.data.object, 'organization_role');
  assert.equal(createdEvent.data.organizationId, o.id);
});

test('organization roles: errors', T, async () => {
  const o = await org();
  await authz.createOrganizationRole(o.id, { slug: 'org-dup', name: 'Dup' });
  await rejectsWith(authz.createOrganizationRole(o.id, { slug: 'org-dup', name: 'Dup' }), ConflictException,
    'organization_role_slug_conflict');
  await rejectsWith(authz.createOrganizationRole(o.id, { slug: 'member-x', name: 'No prefix' }), UnprocessableEntityException);
  await rejectsWith(authz.createOrganizationRole(o.id, { slug: 'org-x' }), UnprocessableEntityException);
  await rejectsWith(authz.createOrganizationRole('org_01AAAAAAAAAAAAAAAAAAAAAAAA', { name: 'x' }), NotFoundException);
  await rejectsWith(authz.listOrganizationRoles('org_01AAAAAAAAAAAAAAAAAAAAAAAA'), NotFoundException);
  await rejectsWith(authz.updateOrganizationRole(o.id, 'org-none', { name: 'x' }), NotFoundException);
  // Environment roles are not custom roles: they are not changed through the organization.
  await rejectsWith(authz.updateOrganizationRole(o.id, 'member', { name: 'x' }), NotFoundException);
  await rejectsWith(authz.deleteOrganizationRole(o.id, 'member'), NotFoundException);
  await rejectsWith(authz.setOrganizationRolePermissions(o.id, 'org-dup', { permissions: ['no:such'] }), NotFoundException);
  await rejectsWith(authz.addOrganizationRolePermission(o.id, 'org-dup', { permissionSlug: 'no:such' }), NotFoundException);
  await rejectsWith(authz.removeOrganizationRolePermission(o.id, 'org-dup', { permissionSlug: 'no:such' }), NotFoundException);
  await rejectsWith(authz.deleteOrganizationRole(o.id, 'org-none'), NotFoundException);
  // A group role assignment holds the role: 409 role_has_group_role_mappings.
  const g = await workos.groups.createGroup({ organizationId: o.id, name: 'Holders' });
  await authz.createGroupRoleAssignment({ groupId: g.id, roleSlug: 'org-dup' });
  await rejectsWith(authz.deleteOrganizationRole(o.id, 'org-dup'), ConflictException, 'role_has_group_role_mappings');
});

// ----- resources --------------------------------------------------------------------------------

test('resources: create with parents, get by id and external id, update, list with filters and pagination', T, async () => {
  const o = await org();
  const ws = await authz.createResource({
    organizationId: o.id, resourceTypeSlug: 'workspace', externalId: 'ws-1', name: 'Workspace 1', description: 'Main'
  });
  assert.match(ws.id, /^authz_resource_[0-9A-HJKMNP-TV-Z]{26}$/);
  assert.equal(ws.object, 'authorization_resource');
  assert.equal(ws.organizationId, o.id);
  assert.equal(ws.parentResourceId, null);
  assert.equal(ws.externalId, 'ws-1');
  assert.equal(ws.description, 'Main');
  assert.match(ws.createdAt, ISO);

  const p1 = await authz.createResource({
    organizationId: o.id, resourceTypeSlug: 'project', externalId: 'p-1', name: 'P1', parentResourceId: ws.id
  });
  assert.equal(p1.parentResourceId, ws.id);
  assert.equal(p1.description, null);
  const p2 = await authz.createResource({
    organizationId: o.id, resourceTypeSlug: 'project', externalId: 'p-2', name: 'P2',
    parentResourceExternalId: 'ws-1', parentResourceTypeSlug: 'workspace'
  });
  assert.equal(p2.parentResourceId, ws.id);
  // The organization itself as the parent means top level.
  const ws2 = await authz.createResource({
    organizationId: o.id, resourceTypeSlug: 'workspace', externalId: 'ws-2', name: 'Workspace 2', parentResourceId: o.id
  });
  assert.equal(ws2.parentResourceId, null);

  assert.equal((await authz.getResource(p1.id)).externalId, 'p-1');
  const byExt = await authz.getResourceByExternalId({ organizationId: o.id, resourceTypeSlug: 'project', externalId: 'p-2' });
  assert.equal(byExt.id, p2.id);

  const u1 = await authz.updateResource({ resourceId: p1.id, name: 'Project One', description: 'First' });
  assert.equal(u1.name, 'Project One');
  assert.equal(u1.description, 'First');
  const u2 = await authz.updateResourceByExternalId({
    organizationId: o.id, resourceTypeSlug: 'project', externalId: 'p-2', name: 'Project Two'
  });
  assert.equal(u2.name, 'Project Two');
  // Moving a resource (raw: the SDK's update sends name and description only).
  const moved = await emu.raw('PATCH', `/authorization/resources/${p2.id}`, { body: { parent_resource_id: ws2.id } });
  assert.equal(moved.status, 200);
  assert.equal(moved.body.parent_resource_id, ws2.id);
  const cycle = await emu.raw('PATCH', `/authorization/resources/${ws2.id}`, { body: { parent_resource_id: p2.id } });
  assert.equal(cycle.status, 422);

  const ids = [ws.id, p1.id, p2.id, ws2.id];
  const mine = await authz.listResources({ organizationId: o.id, limit: 100 });
  assert.deepEqual(mine.data.map((r) => r.id), [...ids].reverse());
  const page1 = await authz.listResources({ organizationId: o.id, limit: 3 });
  assert.deepEqual(page1.data.map((r) => r.id), [ws2.id, p2.id, p1.id]);
  const page2 = await authz.listResources({ organizationId: o.id, limit: 3, after: page1.listMetadata.after });
  assert.deepEqual(page2.data.map((r) => r.id), [ws.id]);
  assert.equal(page2.listMetadata.after, null);
  const back = await authz.listResources({ organizationId: o.id, limit: 3, before: ws.id });
  assert.deepEqual(back.data.map((r) => r.id), [ws2.id, p2.id, p1.id]);
  const asc = await authz.listResources({ organizationId: o.id, order: 'asc' });
  assert.deepEqual(asc.data.map((r) => r.id), ids);
  const all = await (await authz.listResources({ organizationId: o.id })).autoPagination();
  assert.equal(all.length, 4);
  const projects = await authz.listResources({ organizationId: o.id, resourceTypeSlug: 'project' });
  assert.deepEqual(projects.data.map((r) => r.id).sort(), [p1.id, p2.id].sort());
  const children = await authz.listResources({ parentResourceId: ws.id });
  assert.deepEqual(children.data.map((r) => r.id), [p1.id]);
  const byParentExt = await authz.listResources({ organizationId: o.id, parentResourceTypeSlug: 'workspace', parentExternalId: 'ws-2' });
  assert.deepEqual(byParentExt.data.map((r) => r.id), [p2.id]);
  const topLevel = await authz.listResources({ parentResourceId: o.id });
  assert.deepEqual(topLevel.data.map((r) => r.id), [ws2.id, ws.id]);
  const byExtFilter = await emu.raw('GET', `/authorization/resources?organization_id=${o.id}&resource_type_slug=project&resource_external_id=p-1`);
  assert.deepEqual(byExtFilter.body.data.map((r) => r.id), [p1.id]);
});

test('resources: validation, conflicts, unknown ids, delete with and without cascade', T, async () => {
  const o = await org();
  const base = { organizationId: o.id, resourceTypeSlug: 'folder', name: 'F' };
  const root = await authz.createResource({ ...base, externalId: 'root' });
  await rejectsWith(authz.createResource({ ...base, externalId: 'root' }), ConflictException,
    'authorization_resource_external_id_conflict');
  // The same external id under another type or organization is fine.
  await authz.createResource({ ...base, resourceTypeSlug: 'file', externalId: 'root' });
  await rejectsWith(authz.createResource({ organizationId: o.id, resourceTypeSlug: 'folder', externalId: 'nameless' }),
    UnprocessableEntityException);
  await rejectsWith(authz.createResource({ ...base, organizationId: 'org_01AAAAAAAAAAAAAAAAAAAAAAAA', externalId: 'x' }),
    NotFoundException);
  await rejectsWith(authz.createResource({ ...base, externalId: 'orphan', parentResourceId: 'authz_resource_01AAAAAAAAAAAAAAAAAAAAAAAA' }),
    NotFoundException);
  const both = await emu.raw('POST', '/authorization/resources', {
    body: { organization_id: o.id, resource_type_slug: 'folder', external_id: 'both', name: 'B', parent_resource_id: root.id,
      parent_resource_external_id: 'root', parent_resource_type_slug: 'folder' }
  });
  assert.equal(both.status, 422);
  const half = await emu.raw('POST', '/authorization/resources', {
    body: { organization_id: o.id, resource_type_slug: 'folder', external_id: 'half', name: 'H', parent_resource_external_id: 'root' }
  });
  assert.equal(half.status, 422);
  // A parent in another organization is not visible.
  const o2 = await org();
  await rejectsWith(authz.createResource({ ...base, organizationId: o2.id, externalId: 'x', parentResourceId: root.id }), NotFoundException);
  const missingOrg = await emu.raw('GET', '/authorization/resources?resource_external_id=root');
  assert.equal(missingOrg.status, 400);
  assert.equal(missingOrg.body.code, 'missing_organization_id_or_resource_type_slug');
  assert.equal((await emu.raw('GET', `/authorization/resources?parent_resource_id=${root.id}&parent_external_id=x`)).status, 422);

  await rejectsWith(authz.getResource('authz_resource_01AAAAAAAAAAAAAAAAAAAAAAAA'), NotFoundException, 'entity_not_found');
  await rejectsWith(authz.getResourceByExternalId({ organizationId: o.id, resourceTypeSlug: 'folder', externalId: 'nope' }), NotFoundException);
  await rejectsWith(authz.updateResource({ resourceId: 'authz_resource_01AAAAAAAAAAAAAAAAAAAAAAAA', name: 'x' }), NotFoundException);

  const child = await authz.createResource({ ...base, externalId: 'child', parentResourceId: root.id });
  const grandchild = await authz.createResource({ ...base, externalId: 'grandchild', parentResourceId: child.id });
  await rejectsWith(authz.deleteResource({ resourceId: root.id }), ConflictException, 'resource_has_dependents');
  await rejectsWith(authz.deleteResourceByExternalId({ organizationId: o.id, resourceTypeSlug: 'folder', externalId: 'root' }),
    ConflictException, 'resource_has_dependents');
  await authz.deleteResource({ resourceId: grandchild.id });
  await rejectsWith(authz.getResource(grandchild.id), NotFoundException);
  const third = await authz.createResource({ ...base, externalId: 'third', parentResourceId: child.id });
  await authz.deleteResourceByExternalId({ organizationId: o.id, resourceTypeSlug: 'folder', externalId: 'root', cascadeDelete: true });
  for (const id of [root.id, child.id, third.id]) await rejectsWith(authz.getResource(id), NotFoundException);
  const lone = await authz.createResource({ ...base, externalId: 'lone' });
  await authz.deleteResource({ resourceId: lone.id, cascadeDelete: false });
  await rejectsWith(authz.deleteResource({ resourceId: lone.id }), NotFoundException);
});

// ----- role assignments, checks, effective permissions -----------------------------------------

async function rbacWorld(t) {
  const o = await org();
  const m = await member(o.id);
  if (!m) {
    t.skip('needs user management');
    return null;
  }
  const prefix = unique('w').toLowerCase();
  const perm = { read: `${prefix}:read`, write: `${prefix}:write`, org: `${prefix}:org` };
  for (const slug of Object.values(perm)) await authz.createPermission({ slug, name: slug });
  const viewer = unique('viewer').toLowerCase();
  await authz.createEnvironmentRole({ slug: viewer, name: 'Viewer', resourceTypeSlug: 'workspace' });
  await authz.setEnvironmentRolePermissions(viewer, { permissions: [perm.read] });
  const editor = unique('editor').toLowerCase();
  await authz.createEnvironmentRole({ slug: editor, name: 'Editor', resourceTypeSlug: 'project' });
  await authz.setEnvironmentRolePermissions(editor, { permissions: [perm.read, perm.write] });
  await authz.createOrganizationRole(o.id, { slug: 'org-auditor', name: 'Auditor' });
  await authz.setOrganizationRolePermissions(o.id, 'org-auditor', { permissions: [perm.org] });
  const mk = (type, ext, parent) =>
    authz.createResource({ organizationId: o.id, resourceTypeSlug: type, externalId: ext, name: ext, ...(parent ? { parentResourceId: parent } : {}) });
  const ws = await mk('workspace', 'ws');
  const p1 = await mk('project', 'p1', ws.id);
  const p2 = await mk('project', 'p2', ws.id);
  const other = await mk('workspace', 'other');
  return { o, m, perm, viewer, editor, ws, p1, p2, other };
}

test('role assignments: assign, list both ways, check with inheritance, effective permissions, remove', T, async (t) => {
  const w = await rbacWorld(t);
  if (!w) return;
  const { o, m, perm, viewer, editor, ws, p1, p2, other } = w;
  const omId = m.id;
  assert.equal((await authz.check({ organizationMembershipId: omId, permissionSlug: perm.read, resourceId: p1.id })).authorized, false);

  const a1 = await authz.assignRole({ organizationMembershipId: omId, roleSlug: viewer, resourceId: ws.id });
  assert.match(a1.id, /^role_assignment_[0-9A-HJKMNP-TV-Z]{26}$/);
  assert.equal(a1.object, 'role_assignment');
  assert.equal(a1.organizationMembershipId, omId);
  assert.deepEqual(a1.role, { slug: viewer });
  assert.deepEqual(a1.resource, { id: ws.id, externalId: 'ws', resourceTypeSlug: 'workspace' });
  assert.deepEqual(a1.source, { type: 'direct', groupRoleAssignmentId: null });
  const again = await authz.assignRole({ organizationMembershipId: omId, roleSlug: viewer, resourceId: ws.id });
  assert.equal(again.id, a1.id, 'assigning the same role on the same resource twice changes nothing');
  const a2 = await authz.assignRole({ organizationMembershipId: omId, roleSlug: editor, resourceExternalId: 'p2', resourceTypeSlug: 'project' });
  assert.equal(a2.resource.id, p2.id);
  // Org-level custom role (on the organization itself).
  const a3 = await authz.assignRole({ organizationMembershipId: omId, roleSlug: 'org-auditor', resourceId: o.id });
  assert.deepEqual(a3.resource, { id: o.id, externalId: o.id, resourceTypeSlug: 'organization' });

  // Checks: inherited from the workspace, direct on p2, from the organization everywhere.
  const check = (permissionSlug, target) => authz.check({ organizationMembershipId: omId, permissionSlug, ...target }).then((r) => r.authorized);
  assert.equal(await check(perm.read, { resourceId: ws.id }), true);
  assert.equal(await check(perm.read, { resourceId: p1.id }), true);
  assert.equal(await check(perm.write, { resourceId: p1.id }), false);
  assert.equal(await check(perm.write, { resourceExternalId: 'p2', resourceTypeSlug: 'project' }), true);
  assert.equal(await check(perm.read, { resourceId: other.id }), false);
  assert.equal(await check(perm.org, { resourceId: other.id }), true);
  assert.equal(await check(perm.org, { resourceId: o.id }), true);
  assert.equal(await check('no:such', { resourceId: ws.id }), false);

  // Listing a membership's assignments: all, filtered, paginated.
  const all = await authz.listRoleAssignments({ organizationMembershipId: omId });
  assert.deepEqual(all.data.map((a) => a.id), [a3.id, a2.id, a1.id]);
  const page = await authz.listRoleAssignments({ organizationMembershipId: omId, limit: 2 });
  assert.deepEqual(page.data.map((a) => a.id), [a3.id, a2.id]);
  const next = await authz.listRoleAssignments({ organizationMembershipId: omId, limit: 2, after: page.listMetadata.after });
  assert.deepEqual(next.data.map((a) => a.id), [a1.id]);
  const prev = await authz.listRoleAssignments({ organizationMembershipId: omId, limit: 2, before: a1.id });
  assert.deepEqual(prev.data.map((a) => a.id), [a3.id, a2.id]);
  const asc = await authz.listRoleAssignments({ organizationMembershipId: omId, order: 'asc' });
  assert.deepEqual(asc.data.map((a) => a.id), [a1.id, a2.id, a3.id]);
  assert.deepEqual((await authz.listRoleAssignments({ organizationMembershipId: omId, resourceId: ws.id })).data.map((a) => a.id), [a1.id]);
  assert.deepEqual((await authz.listRoleAssignments({ organizationMembershipId: omId, resourceTypeSlug: 'project', resourceExternalId: 'p2' }))
    .data.map((a) => a.id), [a2.id]);

  // Listing a resource's assignments.
  assert.deepEqual((await authz.listRoleAssignmentsForResource({ resourceId: ws.id })).data.map((a) => a.id), [a1.id]);
  assert.deepEqual((await authz.listRoleAssignmentsForResource({ resourceId: ws.id, roleSlug: editor })).data, []);
  assert.deepEqual((await authz.listResourceRoleAssignments({ organizationId: o.id, resourceTypeSlug: 'project', externalId: 'p2' }))
    .data.map((a) => a.id), [a2.id]);

  // Effective permissions: SDK path, spec path, by external id.
  const eff = await authz.listEffectivePermissions({ organizationMembershipId: omId, resourceId: p1.id });
  assert.deepEqual(eff.data.map((p) => p.slug).sort(), [perm.org, perm.read].sort());
  assert.equal(eff.data[0].object, 'permission');
  const spec = await emu.raw('GET', `/authorization/organization_memberships/${omId}/resources/${p2.id}/permissions?order=asc`);
  assert.equal(spec.status, 200);
  assert.deepEqual(spec.body.data.map((p) => p.slug), [perm.read, perm.write, perm.org]);
  const effExt = await authz.listEffectivePermissionsByExternalId({ organizationMembershipId: omId, resourceTypeSlug: 'project', externalId: 'p2', limit: 2 });
  assert.equal(effExt.data.length, 2);
  assert.ok(effExt.listMetadata.after);

  // Which children of the workspace can the membership read / write?
  const readable = await authz.listResourcesForMembership({ organizationMembershipId: omId, permissionSlug: perm.read, parentResourceId: ws.id });
  assert.deepEqual(readable.data.map((r) => r.id).sort(), [p1.id, p2.id].sort());
  const writable = await authz.listResourcesForMembership({
    organizationMembershipId: omId, permissionSlug: perm.write, parentResourceExternalId: 'ws', parentResourceTypeSlug: 'workspace'
  });
  assert.deepEqual(writable.data.map((r) => r.id), [p2.id]);
  const top = await authz.listResourcesForMembership({ organizationMembershipId: omId, permissionSlug: perm.read, parentResourceId: o.id });
  assert.deepEqual(top.data.map((r) => r.id), [ws.id]);
  assert.equal((await emu.raw('GET', `/authorization/organization_memberships/${omId}/resources?permission_slug=${perm.read}`)).status, 422);

  // Who can read p1 (inherited) / directly?
  const readers = await authz.listMembershipsForResource({ resourceId: p1.id, permissionSlug: perm.read });
  assert.deepEqual(readers.data.map((x) => x.id), [omId]);
  assert.equal(readers.data[0].object, 'organization_membership');
  const rawReaders = await emu.raw('GET', `/authorization/resources/${p1.id}/organization_memberships?permission_slug=${perm.read}`);
  assert.equal(rawReaders.body.data[0].user.id, m.user_id);
  assert.deepEqual((await authz.listMembershipsForResource({ resourceId: p1.id, permissionSlug: perm.read, assignment: 'direct' })).data, []);
  const direct = await authz.listMembershipsForResourceByExternalId({
    organizationId: o.id, resourceTypeSlug: 'workspace', externalId: 'ws', permissionSlug: perm.read, assignment: 'direct'
  });
  assert.deepEqual(direct.data.map((x) => x.id), [omId]);
  assert.equal((await emu.raw('GET', `/authorization/resources/${p1.id}/organization_memberships`)).status, 422);

  // Removing: by criteria, then by id.
  await authz.removeRole({ organizationMembershipId: omId, roleSlug: viewer, resourceId: ws.id });
  assert.equal(await check(perm.read, { resourceId: p1.id }), false);
  await rejectsWith(authz.removeRole({ organizationMembershipId: omId, roleSlug: viewer, resourceId: ws.id }), NotFoundException);
  await authz.removeRoleAssignment({ organizationMembershipId: omId, roleAssignmentId: a2.id });
  await rejectsWith(authz.removeRoleAssignment({ organizationMembershipId: omId, roleAssignmentId: a2.id }), NotFoundException);
  assert.deepEqual((await authz.listRoleAssignments({ organizationMembershipId: omId })).data.map((a) => a.id), [a3.id]);

  // A custom role that is assigned cannot be deleted.
  await rejectsWith(authz.deleteOrganizationRole(o.id, 'org-auditor'), ConflictException, 'role_has_assignments');
  // A resource with assignments cannot be deleted without cascade; with it the assignments go too.
  await authz.assignRole({ organizationMembershipId: omId, roleSlug: editor, resourceId: p1.id });
  await rejectsWith(authz.deleteResource({ resourceId: p1.id }), ConflictException, 'resource_has_dependents');
  await authz.deleteResource({ resourceId: p1.id, cascadeDelete: true });
  assert.deepEqual((await authz.listRoleAssignments({ organizationMembershipId: omId, resourceTypeSlug: 'project' })).data, []);
});

test('role assignments and checks: errors', T, async (t) => {
  const w = await rbacWorld(t);
  if (!w) return;
  const { m, perm, viewer, editor, ws, p1 } = w;
  const none = 'om_01AAAAAAAAAAAAAAAAAAAAAAAA';
  await rejectsWith(authz.check({ organizationMembershipId: none, permissionSlug: perm.read, resourceId: ws.id }), NotFoundException);
  await rejectsWith(authz.assignRole({ organizationMembershipId: none, roleSlug: viewer, resourceId: ws.id }), NotFoundException);
  await rejectsWith(authz.listRoleAssignments({ organizationMembershipId: none }), NotFoundException);
  await rejectsWith(authz.removeRole({ organizationMembershipId: none, roleSlug: viewer, resourceId: ws.id }), NotFoundException);
  await rejectsWith(authz.removeRoleAssignment({ organizationMembershipId: none, roleAssignmentId: 'role_assignment_x' }), NotFoundException);
  await rejectsWith(authz.listEffectivePermissions({ organizationMembershipId: none, resourceId: ws.id }), NotFoundException);
  await rejectsWith(authz.listResourcesForMembership({ organizationMembershipId: none, permissionSlug: 'x', parentResourceId: ws.id }), NotFoundException);
  // Unknown role, unknown resource, a role scoped to another resource type, no resource at all.
  await rejectsWith(authz.assignRole({ organizationMembershipId: m.id, roleSlug: 'no-such-role', resourceId: ws.id }), NotFoundException);
  await rejectsWith(authz.assignRole({ organizationMembershipId: m.id, roleSlug: viewer, resourceId: 'authz_resource_01AAAAAAAAAAAAAAAAAAAAAAAA' }),
    NotFoundException);
  await rejectsWith(authz.assignRole({ organizationMembershipId: m.id, roleSlug: viewer, resourceId: p1.id }), UnprocessableEntityException);
  await rejectsWith(authz.assignRole({ organizationMembershipId: m.id, roleSlug: editor }), UnprocessableEntityException);
  await rejectsWith(authz.check({ organizationMembershipId: m.id, permissionSlug: perm.read }), UnprocessableEntityException);
  const noSlug = await emu.raw('POST', `/authorization/organization_memberships/${m.id}/check`, { body: { resource_id: ws.id } });
  assert.equal(noSlug.status, 422);
  const both = await emu.raw('POST', `/authorization/organization_memberships/${m.id}/check`, {
    body: { permission_slug: perm.read, resource_id: ws.id, resource_external_id: 'ws', resource_type_slug: 'workspace' }
  });
  assert.equal(both.status, 422);
  // A resource of another organization is not visible to this membership.
  const o2 = await org();
  const foreign = await authz.createResource({ organizationId: o2.id, resourceTypeSlug: 'workspace', externalId: 'f', name: 'F' });
  await rejectsWith(authz.check({ organizationMembershipId: m.id, permissionSlug: perm.read, resourceId: foreign.id }), NotFoundException);
  // A custom role of another organization is unknown here.
  await authz.createOrganizationRole(o2.id, { slug: 'org-elsewhere', name: 'Elsewhere' });
  await rejectsWith(authz.assignRole({ organizationMembershipId: m.id, roleSlug: 'org-elsewhere', resourceId: w.o.id }), NotFoundException);
});

// ----- groups -----------------------------------------------------------------------------------

test('groups: create, get, list both ways, update, delete, events', T, async () => {
  const o = await org();
  const groups = workos.groups;
  const g = await groups.createGroup({ organizationId: o.id, name: 'Engineering', description: 'Builders' });
  assert.match(g.id, /^group_[0-9A-HJKMNP-TV-Z]{26}$/);
  assert.equal(g.object, 'group');
  assert.equal(g.organizationId, o.id);
  assert.equal(g.description, 'Builders');
  assert.ok(g.createdAt instanceof Date && !Number.isNaN(g.createdAt.getTime()));
  const ids = [g.id];
  for (let i = 1; i < 5; i++) ids.push((await groups.createGroup({ organizationId: o.id, name: `Team ${i}` })).id);
  const plain = await emu.raw('GET', `/organizations/${o.id}/groups/${ids[1]}`);
  assert.equal(plain.body.description, null);

  assert.equal((await groups.getGroup({ organizationId: o.id, groupId: g.id })).name, 'Engineering');
  const page1 = await groups.listGroups({ organizationId: o.id, limit: 2 });
  assert.deepEqual(page1.data.map((x) => x.id), [ids[4], ids[3]]);
  const page2 = await groups.listGroups({ organizationId: o.id, limit: 2, after: page1.listMetadata.after });
  assert.deepEqual(page2.data.map((x) => x.id), [ids[2], ids[1]]);
  const back = await groups.listGroups({ organizationId: o.id, limit: 2, before: page2.data[0].id });
  assert.deepEqual(back.data.map((x) => x.id), [ids[4], ids[3]]);
  const asc = await groups.listGroups({ organizationId: o.id, order: 'asc' });
  assert.deepEqual(asc.data.map((x) => x.id), ids);
  assert.equal((await (await groups.listGroups({ organizationId: o.id })).autoPagination()).length, 5);

  const updated = await groups.updateGroup({ organizationId: o.id, groupId: g.id, name: 'Platform' });
  assert.equal(updated.name, 'Platform');
  assert.equal(updated.description, null, 'the SDK sends description null, which clears it');
  const patched = await emu.raw('PATCH', `/organizations/${o.id}/groups/${g.id}`, { body: { description: 'Again' } });
  assert.equal(patched.body.name, 'Platform');
  assert.equal(patched.body.description, 'Again');

  await groups.deleteGroup({ organizationId: o.id, groupId: ids[4] });
  await rejectsWith(groups.getGroup({ organizationId: o.id, groupId: ids[4] }), NotFoundException);

  const events = await eventsOf(['group.created', 'group.updated', 'group.deleted'], { organizationId: o.id });
  assert.equal(events.filter((e) => e.event === 'group.created').length, 5);
  assert.ok(events.some((e) => e.event === 'group.updated' && e.data.name === 'Platform'));
  assert.ok(events.some((e) => e.event === 'group.deleted' && e.data.id === ids[4]));
});

test('groups: errors', T, async () => {
  const o = await org();
  const groups = workos.groups;
  const none = 'org_01AAAAAAAAAAAAAAAAAAAAAAAA';
  await rejectsWith(groups.createGroup({ organizationId: none, name: 'x' }), NotFoundException);
  await rejectsWith(groups.listGroups({ organizationId: none }), NotFoundException);
  await rejectsWith(groups.createGroup({ organizationId: o.id }), UnprocessableEntityException);
  await rejectsWith(groups.createGroup({ organizationId: o.id, name: 'x'.repeat(257) }), UnprocessableEntityException);
  const g = await groups.createGroup({ organizationId: o.id, name: 'G' });
  const unknownGroup = 'group_01AAAAAAAAAAAAAAAAAAAAAAAA';
  await rejectsWith(groups.getGroup({ organizationId: o.id, groupId: unknownGroup }), NotFoundException);
  await rejectsWith(groups.updateGroup({ organizationId: o.id, groupId: unknownGroup, name: 'x' }), NotFoundException);
  await rejectsWith(groups.deleteGroup({ organizationId: o.id, groupId: unknownGroup }), NotFoundException);
  // A group is found only under its own organization.
  const o2 = await org();
  await rejectsWith(groups.getGroup({ organizationId: o2.id, groupId: g.id }), NotFoundException);
  const badName = await emu.raw('PATCH', `/organizations/${o.id}/groups/${g.id}`, { body: { name: 7 } });
  assert.equal(badName.status, 422);
  await rejectsWith(groups.addOrganizationMembership({ organizationId: o.id, groupId: g.id, organizationMembershipId: 'om_01AAAAAAAAAAAAAAAAAAAAAAAA' }),
    NotFoundException);
  const noBody = await emu.raw('POST', `/organizations/${o.id}/groups/${g.id}/organization-memberships`, { body: {} });
  assert.equal(noBody.status, 422);
  await rejectsWith(groups.removeOrganizationMembership({ organizationId: o.id, groupId: g.id, organizationMembershipId: 'om_01AAAAAAAAAAAAAAAAAAAAAAAA' }),
    NotFoundException);
  await rejectsWith(workos.userManagement.listGroupsForOrganizationMembership({ organizationMembershipId: 'om_01AAAAAAAAAAAAAAAAAAAAAAAA' }),
    NotFoundException);
});

test('group members: add, list both ways, a membership\'s groups, remove, events', T, async (t) => {
  const o = await org();
  const groups = workos.groups;
  const members = [];
  for (let i = 0; i < 3; i++) {
    const m = await member(o.id);
    if (!m) return t.skip('needs user management');
    members.push(m);
  }
  const g = await groups.createGroup({ organizationId: o.id, name: 'Members' });
  const g2 = await groups.createGroup({ organizationId: o.id, name: 'Second' });
  for (const m of members) {
    const back = await groups.addOrganizationMembership({ organizationId: o.id, groupId: g.id, organizationMembershipId: m.id });
    assert.equal(back.id, g.id);
  }
  await groups.addOrganizationMembership({ organizationId: o.id, groupId: g.id, organizationMembershipId: members[0].id });
  await groups.addOrganizationMembership({ organizationId: o.id, groupId: g2.id, organizationMembershipId: members[0].id });

  const list = await groups.listOrganizationMemberships({ organizationId: o.id, groupId: g.id });
  assert.deepEqual(list.data.map((m) => m.id), members.map((m) => m.id).reverse());
  assert.equal(list.data[0].object, 'organization_membership');
  assert.equal(list.data[0].organizationId, o.id);
  const page = await groups.listOrganizationMemberships({ organizationId: o.id, groupId: g.id, limit: 2 });
  assert.deepEqual(page.data.map((m) => m.id), [members[2].id, members[1].id]);
  const next = await groups.listOrganizationMemberships({ organizationId: o.id, groupId: g.id, limit: 2, after: page.listMetadata.after });
  assert.deepEqual(next.data.map((m) => m.id), [members[0].id]);
  const prev = await groups.listOrganizationMemberships({ organizationId: o.id, groupId: g.id, limit: 2, before: members[0].id });
  assert.deepEqual(prev.data.map((m) => m.id), [members[2].id, members[1].id]);

  const mine = await workos.userManagement.listGroupsForOrganizationMembership({ organizationMembershipId: members[0].id, order: 'asc' });
  assert.deepEqual(mine.data.map((x) => x.id), [g.id, g2.id]);
  const raw = await emu.raw('GET', `/user_management/organization_memberships/${members[0].id}/groups?limit=1`);
  assert.equal(raw.status, 200);
  assert.equal(raw.body.data.length, 1);
  assert.equal(raw.body.list_metadata.after, raw.body.data[0].id);

  await groups.removeOrganizationMembership({ organizationId: o.id, groupId: g.id, organizationMembershipId: members[1].id });
  await rejectsWith(groups.removeOrganizationMembership({ organizationId: o.id, groupId: g.id, organizationMembershipId: members[1].id }),
    NotFoundException);
  assert.deepEqual((await groups.listOrganizationMemberships({ organizationId: o.id, groupId: g.id, order: 'asc' })).data.map((m) => m.id),
    [members[0].id, members[2].id]);

  // A membership of another organization cannot join.
  const o2 = await org();
  const stranger = await member(o2.id);
  await rejectsWith(groups.addOrganizationMembership({ organizationId: o.id, groupId: g.id, organizationMembershipId: stranger.id }),
    UnprocessableEntityException);

  const events = await eventsOf(['group.member_added', 'group.member_removed']);
  const ofGroup = events.filter((e) => e.data.groupId === g.id);
  assert.equal(ofGroup.filter((e) => e.event === 'group.member_added').length, 3, 'adding a member twice emits once');
  assert.deepEqual(ofGroup.filter((e) => e.event === 'group.member_removed').map((e) => e.data.organizationMembershipId), [members[1].id]);

  // Deleting the group ends its memberships.
  await groups.deleteGroup({ organizationId: o.id, groupId: g.id });
  const left = await workos.userManagement.listGroupsForOrganizationMembership({ organizationMembershipId: members[0].id });
  assert.deepEqual(left.data.map((x) => x.id), [g2.id]);
});

// ----- group role assignments -------------------------------------------------------------------

test('group role assignments: create, get, list, replace, remove; members inherit them', T, async (t) => {
  const w = await rbacWorld(t);
  if (!w) return;
  const { o, m, perm, viewer, editor, ws, p1, p2 } = w;
  const g = await workos.groups.createGroup({ organizationId: o.id, name: 'Readers' });

  const gra = await authz.createGroupRoleAssignment({ groupId: g.id, roleSlug: viewer, resourceId: ws.id });
  assert.match(gra.id, /^gra_[0-9A-HJKMNP-TV-Z]{26}$/);
  assert.equal(gra.object, 'group_role_assignment');
  assert.equal(gra.groupId, g.id);
  assert.deepEqual(gra.role, { slug: viewer });
  assert.deepEqual(gra.resource, { id: ws.id, externalId: 'ws', resourceTypeSlug: 'workspace' });
  await rejectsWith(authz.createGroupRoleAssignment({ groupId: g.id, roleSlug: viewer, resourceId: ws.id }), ConflictException,
    'duplicate_group_role_assignment');
  // Resource omitted: the organization itself.
  const orgLevel = await authz.createGroupRoleAssignment({ groupId: g.id, roleSlug: 'org-auditor' });
  assert.deepEqual(orgLevel.resource, { id: o.id, externalId: o.id, resourceTypeSlug: 'organization' });
  const byExt = await authz.createGroupRoleAssignment({ groupId: g.id, roleSlug: editor, resourceExternalId: 'p2', resourceTypeSlug: 'project' });
  assert.equal(byExt.resource.id, p2.id);

  assert.deepEqual((await authz.getGroupRoleAssignment({ groupId: g.id, roleAssignmentId: gra.id })).id, gra.id);
  const all = await authz.listGroupRoleAssignments({ groupId: g.id });
  assert.deepEqual(all.data.map((x) => x.id), [byExt.id, orgLevel.id, gra.id]);
  const page = await authz.listGroupRoleAssignments({ groupId: g.id, limit: 2 });
  assert.deepEqual(page.data.map((x) => x.id), [byExt.id, orgLevel.id]);
  const next = await authz.listGroupRoleAssignments({ groupId: g.id, limit: 2, after: page.listMetadata.after });
  assert.deepEqual(next.data.map((x) => x.id), [gra.id]);
  const prev = await authz.listGroupRoleAssignments({ groupId: g.id, limit: 2, before: gra.id });
  assert.deepEqual(prev.data.map((x) => x.id), [byExt.id, orgLevel.id]);

  // A member gets the group's roles as role assignments with source "group".
  const check = (permissionSlug, resourceId) =>
    authz.check({ organizationMembershipId: m.id, permissionSlug, resourceId }).then((r) => r.authorized);
  assert.equal(await check(perm.read, p1.id), false);
  await workos.groups.addOrganizationMembership({ organizationId: o.id, groupId: g.id, organizationMembershipId: m.id });
  assert.equal(await check(perm.read, p1.id), true);
  assert.equal(await check(perm.write, p2.id), true);
  assert.equal(await check(perm.org, ws.id), true);
  const derived = await authz.listRoleAssignments({ organizationMembershipId: m.id, order: 'asc' });
  assert.equal(derived.data.length, 3);
  assert.ok(derived.data.every((a) => a.source.type === 'group'));
  assert.deepEqual(derived.data.map((a) => a.source.groupRoleAssignmentId).sort(), [gra.id, orgLevel.id, byExt.id].sort());
  await rejectsWith(authz.removeRoleAssignment({ organizationMembershipId: m.id, roleAssignmentId: derived.data[0].id }),
    UnprocessableEntityException);
  assert.deepEqual((await authz.listRoleAssignmentsForResource({ resourceId: ws.id })).data.map((a) => a.organizationMembershipId), [m.id]);

  // Replace: keep the workspace viewer, drop the rest, add editor on p1.
  const replaced = await authz.replaceGroupRoleAssignments({
    groupId: g.id,
    roleAssignments: [{ roleSlug: viewer, resourceId: ws.id }, { roleSlug: editor, resourceExternalId: 'p1', resourceTypeSlug: 'project' }]
  });
  assert.equal(replaced.object, 'list');
  assert.equal(replaced.data.length, 2);
  assert.equal(replaced.data[0].id, gra.id, 'an assignment still wanted is kept');
  assert.equal(replaced.data[1].resource.id, p1.id);
  assert.equal(await check(perm.write, p2.id), false);
  assert.equal(await check(perm.write, p1.id), true);
  assert.equal(await check(perm.org, ws.id), false);
  await rejectsWith(authz.replaceGroupRoleAssignments({ groupId: g.id, roleAssignments: [{ roleSlug: 'no-such-role' }] }), NotFoundException);
  const badReplace = await emu.raw('PUT', `/authorization/groups/${g.id}/role_assignments`, { body: {} });
  assert.equal(badReplace.status, 422);

  // Remove by criteria, then by id; both 404 afterwards.
  await authz.removeGroupRoleAssignments({ groupId: g.id, roleSlug: editor, resourceId: p1.id });
  await rejectsWith(authz.removeGroupRoleAssignments({ groupId: g.id, roleSlug: editor, resourceId: p1.id }), NotFoundException);
  assert.equal(await check(perm.write, p1.id), false);
  await authz.removeGroupRoleAssignment({ groupId: g.id, roleAssignmentId: gra.id });
  await rejectsWith(authz.getGroupRoleAssignment({ groupId: g.id, roleAssignmentId: gra.id }), NotFoundException);
  await rejectsWith(authz.removeGroupRoleAssignment({ groupId: g.id, roleAssignmentId: gra.id }), NotFoundException);
  assert.equal(await check(perm.read, p1.id), false);
  assert.deepEqual((await authz.listRoleAssignments({ organizationMembershipId: m.id })).data, []);

  // Leaving the group takes its roles away.
  await authz.createGroupRoleAssignment({ groupId: g.id, roleSlug: viewer, resourceId: ws.id });
  assert.equal(await check(perm.read, p1.id), true);
  await workos.groups.removeOrganizationMembership({ organizationId: o.id, groupId: g.id, organizationMembershipId: m.id });
  assert.equal(await check(perm.read, p1.id), false);
});

test('group role assignments: errors', T, async () => {
  const o = await org();
  const g = await workos.groups.createGroup({ organizationId: o.id, name: 'Errors' });
  const none = 'group_01AAAAAAAAAAAAAAAAAAAAAAAA';
  await rejectsWith(authz.listGroupRoleAssignments({ groupId: none }), NotFoundException);
  await rejectsWith(authz.createGroupRoleAssignment({ groupId: none, roleSlug: 'member' }), NotFoundException);
  await rejectsWith(authz.getGroupRoleAssignment({ groupId: g.id, roleAssignmentId: 'gra_01AAAAAAAAAAAAAAAAAAAAAAAA' }), NotFoundException);
  await rejectsWith(authz.createGroupRoleAssignment({ groupId: g.id, roleSlug: 'no-such-role' }), NotFoundException);
  const noRole = await emu.raw('POST', `/authorization/groups/${g.id}/role_assignments`, { body: {} });
  assert.equal(noRole.status, 422);
  const ws = await authz.createResource({ organizationId: o.id, resourceTypeSlug: 'workspace', externalId: 'ws', name: 'WS' });
  // member is scoped to organizations, not workspaces.
  await rejectsWith(authz.createGroupRoleAssignment({ groupId: g.id, roleSlug: 'member', resourceId: ws.id }), UnprocessableEntityException);
  await rejectsWith(authz.removeGroupRoleAssignments({ groupId: g.id, roleSlug: 'member' }), NotFoundException);
  const tooMany = await emu.raw('PUT', `/authorization/groups/${g.id}/role_assignments`, {
    body: { role_assignments: Array.from({ length: 101 }, () => ({ role_slug: 'member' })) }
  });
  assert.equal(tooMany.status, 422);
  // A group role assignment of another group is not found through this one.
  const g2 = await workos.groups.createGroup({ organizationId: o.id, name: 'Other' });
  const gra = await authz.createGroupRoleAssignment({ groupId: g2.id, roleSlug: 'member' });
  await rejectsWith(authz.getGroupRoleAssignment({ groupId: g.id, roleAssignmentId: gra.id }), NotFoundException);
  // Deleting the group removes its role assignments.
  await workos.groups.deleteGroup({ organizationId: o.id, groupId: g2.id });
  await rejectsWith(authz.getGroupRoleAssignment({ groupId: g2.id, roleAssignmentId: gra.id }), NotFoundException);
});

test('a membership\'s own role counts on its organization and everything beneath it', T, async (t) => {
  const o = await org();
  const prefix = unique('own').toLowerCase();
  await authz.createPermission({ slug: `${prefix}:x`, name: 'X' });
  await authz.createOrganizationRole(o.id, { slug: 'org-lead', name: 'Lead' });
  await authz.setOrganizationRolePermissions(o.id, 'org-lead', { permissions: [`${prefix}:x`] });
  const m = await member(o.id, { role_slug: 'org-lead' });
  if (!m) return t.skip('needs user management');
  const ws = await authz.createResource({ organizationId: o.id, resourceTypeSlug: 'workspace', externalId: 'ws', name: 'WS' });
  const check = await authz.check({ organizationMembershipId: m.id, permissionSlug: `${prefix}:x`, resourceId: ws.id });
  assert.equal(check.authorized, true);
  const byOrg = await authz.check({
    organizationMembershipId: m.id, permissionSlug: `${prefix}:x`, resourceExternalId: o.id, resourceTypeSlug: 'organization'
  });
  assert.equal(byOrg.authorized, true);
  // The role is held: it cannot be deleted.
  await rejectsWith(authz.deleteOrganizationRole(o.id, 'org-lead'), ConflictException, 'role_has_assignments');
});

test('refused requests change nothing; environments are separate', T, async () => {
  const slug = unique('atomic').toLowerCase();
  await authz.createEnvironmentRole({ slug, name: 'Atomic' });
  // Set permissions with one unknown slug: the role keeps what it had.
  await rejectsWith(authz.setEnvironmentRolePermissions(slug, { permissions: ['no:such'] }), NotFoundException);
  assert.deepEqual((await authz.getEnvironmentRole(slug)).permissions, []);
  const prod = emu.sdk(emu.productionKey).authorization;
  await rejectsWith(prod.getEnvironmentRole(slug), NotFoundException);
  assert.ok((await prod.listEnvironmentRoles()).data.some((r) => r.slug === 'member'));
});
