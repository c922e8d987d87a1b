import { domainError, isOpen, statusLabel, sum, toFixed } from '@hub/shared-kernel';
import type {
  AmountView,
  CountView,
  HistoryEntryView,
  LeadFilter,
  LeadSummaryView,
  LeadView,
  OpportunityFilter,
  OpportunitySummaryView,
  OpportunityView,
  Page,
  PageRequest,
  PipelineCountsView,
  PipelineReportFilter,
} from '../application/crm.read-models';
import { CrmReadRepository } from '../application/ports/crm-read.repository';
import { CrmRepository, type CrmTransaction, type StaleClosure } from '../application/ports/crm.repository';
import { CrmErrors } from '../domain/crm.errors';
import { keysOf, legalIdKey } from '../domain/customer-keys';
import { Lead, type LeadProps } from '../domain/lead';
import { Opportunity, type OpportunityProps } from '../domain/opportunity';
import { HistoryReason, type Stamp, type StatusChange } from '../domain/status-change';

interface State {
  leads: Map<string, LeadProps>;
  opportunities: Map<string, OpportunityProps>;
  history: StatusChange[];
}

/**
 * The CRM store in memory, for unit tests of the service. Transactions run one at a time and roll
 * back on error. Like the database's partial unique indexes, it refuses a second open lead per
 * legal ID and a second open opportunity per CIF or legal ID; and it checks the service's lock
 * discipline: a customer's records are read or written only under that customer's lock, and
 * legal-ID locks are never taken after CIF locks (except the NTB follow-up, see the service).
 */
export class InMemoryCrmStore {
  state: State = { leads: new Map(), opportunities: new Map(), history: [] };
  /** Every lock taken, per transaction, in order. */
  readonly lockLog: string[][] = [];
  private queue: Promise<unknown> = Promise.resolve();

  readonly repository: CrmRepository;
  readonly reads: CrmReadRepository;

  constructor() {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const store = this;
    this.repository = new (class extends CrmRepository {
      transaction<T>(work: (tx: CrmTransaction) => Promise<T>): Promise<T> {
        return store.transaction(work);
      }
      closeStale(cutoff: Date, stamp: Stamp): Promise<StaleClosure> {
        return store.closeStale(cutoff, stamp);
      }
    })();
    this.reads = new InMemoryCrmReadRepository(() => this.state);
  }

  private transaction<T>(work: (tx: CrmTransaction) => Promise<T>): Promise<T> {
    const run = async () => {
      const draft: State = {
        leads: new Map([...this.state.leads].map(([k, v]) => [k, { ...v }])),
        opportunities: new Map([...this.state.opportunities].map(([k, v]) => [k, { ...v }])),
        history: [...this.state.history],
      };
      const locks: string[] = [];
      this.lockLog.push(locks);
      const result = await work(new InMemoryCrmTransaction(draft, locks));
      this.state = draft;
      return result;
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private closeStale(cutoff: Date, stamp: Stamp): Promise<StaleClosure> {
    const run = async () => {
      const closed = { leads: 0, opportunities: 0 };
      const close = (record: LeadProps | OpportunityProps, recordType: 'LEAD' | 'OPPORTUNITY') => {
        if (!isOpen(record.status) || record.updatedAt >= cutoff) return false;
        this.state.history.push({
          recordType,
          recordId: record.id,
          from: record.status,
          to: 'CLOSE_LOST',
          reason: HistoryReason.EXPIRED,
          actor: stamp.actor,
          at: stamp.at,
        });
        Object.assign(record, {
          status: 'CLOSE_LOST',
          closeReason: HistoryReason.EXPIRED,
          updatedAt: stamp.at,
        });
        return true;
      };
      for (const lead of this.state.leads.values()) if (close(lead, 'LEAD')) closed.leads++;
      for (const o of this.state.opportunities.values()) if (close(o, 'OPPORTUNITY')) closed.opportunities++;
      return closed;
    };
    // Serialised with the transactions, like the database's row locks would.
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  leadsOf(legalId: string): LeadProps[] {
    return [...this.state.leads.values()].filter((l) => l.legalId === legalId);
  }

  opportunitiesOf(cif: string): OpportunityProps[] {
    return [...this.state.opportunities.values()].filter((o) => o.cif === cif);
  }

  historyOf(recordId: string): StatusChange[] {
    return this.state.history.filter((h) => h.recordId === recordId);
  }
}

class InMemoryCrmTransaction implements CrmTransaction {
  constructor(
    private readonly draft: State,
    private readonly locks: string[],
  ) {}

  async lockCustomer(keys: readonly string[]): Promise<void> {
    for (const key of keys) {
      if (this.locks.includes(key)) continue;
      if (key.startsWith('legal:') && this.locks.some((k) => k.startsWith('cif:'))) {
        throw new Error(`lock order: ${key} taken after a CIF lock (${this.locks.join(', ')})`);
      }
      this.locks.push(key);
    }
  }

  async findOpenLeadByLegalId(legalId: string): Promise<Lead | null> {
    this.requireLock(legalIdKey(legalId));
    const found = [...this.draft.leads.values()].find((l) => l.legalId === legalId && isOpen(l.status));
    return found ? Lead.restore(found) : null;
  }

  /** May be called before the lock, to learn the keys to lock (the service reads again under them). */
  async findOpenOpportunityByCif(cif: string): Promise<Opportunity | null> {
    const found = [...this.draft.opportunities.values()].find((o) => o.cif === cif && isOpen(o.status));
    return found ? Opportunity.restore(found) : null;
  }

  async findOpenOpportunityByLegalId(legalId: string): Promise<Opportunity | null> {
    this.requireLock(legalIdKey(legalId));
    const found = [...this.draft.opportunities.values()].find(
      (o) => o.legalId === legalId && isOpen(o.status),
    );
    return found ? Opportunity.restore(found) : null;
  }

  async findLead(id: string): Promise<Lead | null> {
    const found = this.draft.leads.get(id);
    return found ? Lead.restore(found) : null;
  }

  async findOpportunity(id: string): Promise<Opportunity | null> {
    const found = this.draft.opportunities.get(id);
    return found ? Opportunity.restore(found) : null;
  }

  async insertLead(lead: Lead): Promise<void> {
    const props = lead.toProps();
    keysOf(props).forEach((k) => this.requireLock(k));
    this.draft.leads.set(props.id, { ...props });
    this.checkUnique();
  }

  async insertOpportunity(opportunity: Opportunity): Promise<void> {
    const props = opportunity.toProps();
    keysOf(props).forEach((k) => this.requireLock(k));
    if (props.leadId && !this.draft.leads.has(props.leadId)) throw new Error('foreign key: lead_id');
    this.draft.opportunities.set(props.id, { ...props });
    this.checkUnique();
  }

  async updateLead(lead: Lead, expectedStatus: Lead['status']): Promise<void> {
    const props = lead.toProps();
    keysOf(props).forEach((k) => this.requireLock(k));
    const stored = this.draft.leads.get(props.id);
    if (!stored || stored.status !== expectedStatus) throw domainError(CrmErrors.CRM_CONCURRENT_UPDATE);
    if (props.convertedOpportunityId && !this.draft.opportunities.has(props.convertedOpportunityId)) {
      throw new Error('foreign key: converted_opportunity_id');
    }
    this.draft.leads.set(props.id, { ...props });
    this.checkUnique();
  }

  async updateOpportunity(opportunity: Opportunity, expectedStatus: Opportunity['status']): Promise<void> {
    const props = opportunity.toProps();
    keysOf(props).forEach((k) => this.requireLock(k));
    const stored = this.draft.opportunities.get(props.id);
    if (!stored || stored.status !== expectedStatus) throw domainError(CrmErrors.CRM_CONCURRENT_UPDATE);
    this.draft.opportunities.set(props.id, { ...props });
    this.checkUnique();
  }

  async appendHistory(changes: readonly StatusChange[]): Promise<void> {
    this.draft.history.push(...changes);
  }

  private requireLock(key: string): void {
    if (!this.locks.includes(key))
      throw new Error(`lock discipline: ${key} used without its lock (${this.locks.join(', ')})`);
  }

  /** The partial unique indexes of the real tables. */
  private checkUnique(): void {
    const distinct = (values: (string | null)[]) => {
      const present = values.filter((v): v is string => v !== null);
      return new Set(present).size === present.length;
    };
    const openLeads = [...this.draft.leads.values()].filter((l) => isOpen(l.status));
    const openOpps = [...this.draft.opportunities.values()].filter((o) => isOpen(o.status));
    if (
      !distinct(openLeads.map((l) => l.legalId)) ||
      !distinct(openOpps.map((o) => o.cif)) ||
      !distinct(openOpps.map((o) => o.legalId))
    ) {
      throw new Error('unique violation: two open records for one customer');
    }
  }
}

export class InMemoryCrmReadRepository extends CrmReadRepository {
  constructor(private readonly state: () => State) {
    super();
  }

  async getLead(id: string): Promise<LeadView | null> {
    const lead = this.state().leads.get(id);
    return lead ? { ...leadSummary(lead), history: this.history(id) } : null;
  }

  async getOpportunity(id: string): Promise<OpportunityView | null> {
    const opportunity = this.state().opportunities.get(id);
    return opportunity ? { ...opportunitySummary(opportunity), history: this.history(id) } : null;
  }

  async listLeads(filter: LeadFilter, page: PageRequest): Promise<Page<LeadSummaryView>> {
    const all = [...this.state().leads.values()].filter(
      (l) =>
        (filter.legalId === undefined || l.legalId === filter.legalId) &&
        (filter.status === undefined || l.status === filter.status) &&
        (filter.ownerId === undefined || l.ownerId === filter.ownerId),
    );
    return paginate(all.map(leadSummary), page);
  }

  async listOpportunities(
    filter: OpportunityFilter,
    page: PageRequest,
  ): Promise<Page<OpportunitySummaryView>> {
    const all = [...this.state().opportunities.values()].filter(
      (o) =>
        (filter.cif === undefined || o.cif === filter.cif) &&
        (filter.legalId === undefined || o.legalId === filter.legalId) &&
        (filter.status === undefined || o.status === filter.status) &&
        (filter.ownerId === undefined || o.ownerId === filter.ownerId),
    );
    return paginate(all.map(opportunitySummary), page);
  }

  async pipelineCounts(filter: PipelineReportFilter): Promise<PipelineCountsView> {
    const inRange = (r: { createdAt: Date }) =>
      (!filter.from || r.createdAt >= filter.from) && (!filter.to || r.createdAt < filter.to);
    const leads = [...this.state().leads.values()].filter(inRange);
    const opportunities = [...this.state().opportunities.values()].filter(inRange);
    const breakdown = (rows: (LeadProps | OpportunityProps)[]) => ({
      amounts: amountsOf(rows),
      medianDaysToClose: {
        won: medianDays(rows.filter((r) => r.status === 'CLOSE_WON' && !('leadId' in r && r.leadId))),
        lost: medianDays(rows.filter((r) => r.status === 'CLOSE_LOST' && !('leadId' in r && r.leadId))),
      },
      total: rows.length,
      byStatus: countBy(rows, (r) => r.status),
      byChannel: countBy(rows, (r) => r.channel),
      byProduct: countBy(rows, (r) => r.product),
      byOwner: countBy(rows, (r) => r.ownerId),
    });
    const lost = [
      ...leads.filter((l) => l.status === 'CLOSE_LOST').map((l) => ['LEAD', l.closeReason ?? ''] as const),
      ...opportunities
        .filter((o) => o.status === 'CLOSE_LOST')
        .map((o) => ['OPPORTUNITY', o.closeReason ?? ''] as const),
    ];
    const reasons = new Map<string, { recordType: 'LEAD' | 'OPPORTUNITY'; reason: string; count: number }>();
    for (const [recordType, reason] of lost) {
      const key = `${recordType} ${reason}`;
      const entry = reasons.get(key) ?? { recordType, reason, count: 0 };
      entry.count++;
      reasons.set(key, entry);
    }
    return {
      wonAmounts: amountsOf(opportunities)
        .filter((a) => a.status === 'CLOSE_WON')
        .map((a) => ({ currency: a.currency, total: a.total })),
      leads: breakdown(leads),
      opportunities: breakdown(opportunities),
      closeLostReasons: [...reasons.values()].sort(
        (a, b) =>
          a.recordType.localeCompare(b.recordType) || b.count - a.count || a.reason.localeCompare(b.reason),
      ),
    };
  }

  private history(recordId: string): HistoryEntryView[] {
    return this.state()
      .history.filter((h) => h.recordId === recordId)
      .map((h) => ({ from: h.from, to: h.to, reason: h.reason, actor: h.actor, at: h.at }));
  }
}

function leadSummary(l: LeadProps): LeadSummaryView {
  return { ...l, statusLabel: statusLabel(l.status) };
}

function opportunitySummary(o: OpportunityProps): OpportunitySummaryView {
  return { ...o, statusLabel: statusLabel(o.status) };
}

/** Newest first, then by id descending: the order the SQL adapter uses. */
function paginate<T extends { createdAt: Date; id: string }>(rows: T[], page: PageRequest): Page<T> {
  const sorted = [...rows].sort(
    (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id.localeCompare(a.id),
  );
  const start = (page.page - 1) * page.pageSize;
  return {
    items: sorted.slice(start, start + page.pageSize),
    total: rows.length,
    page: page.page,
    pageSize: page.pageSize,
  };
}

/** Counts per key, largest first, then by key: the order the SQL adapter uses. */
function countBy<T>(rows: T[], key: (row: T) => string): CountView[] {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(key(row), (counts.get(key(row)) ?? 0) + 1);
  return [...counts]
    .map(([k, count]) => ({ key: k, count }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

/** Sums per status and currency, decimal.js: the SQL adapter's numeric sums. */
function amountsOf(rows: (LeadProps | OpportunityProps)[]): AmountView[] {
  const groups = new Map<string, { status: string; currency: string; amounts: string[] }>();
  for (const r of rows) {
    if (r.amount === null || r.currency === null) continue;
    const key = `${r.status} ${r.currency}`;
    const group = groups.get(key) ?? { status: r.status, currency: r.currency, amounts: [] };
    group.amounts.push(r.amount);
    groups.set(key, group);
  }
  return [...groups.values()]
    .sort((a, b) => a.status.localeCompare(b.status) || a.currency.localeCompare(b.currency))
    .map((g) => ({
      status: g.status,
      currency: g.currency,
      count: g.amounts.length,
      total: toFixed(sum(g.amounts)),
    }));
}

/** The median of the days from creation to close (linear interpolation, as percentile_cont), 2 places. */
function medianDays(rows: (LeadProps | OpportunityProps)[]): number | null {
  if (rows.length === 0) return null;
  const days = rows
    .map((r) => (r.updatedAt.getTime() - r.createdAt.getTime()) / 86_400_000)
    .sort((a, b) => a - b);
  const middle = (days.length - 1) / 2;
  const value = (days[Math.floor(middle)] + days[Math.ceil(middle)]) / 2;
  return Math.round(value * 100) / 100;
}
