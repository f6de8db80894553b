/**
 * The Plan panel's store: the open plan document and its list of siblings for the data set, the
 * undo/redo history (each entry a named action), the save status and any conflict with another
 * tab, the drawing tool in use, and the results of the plan's analyses (zone figures, suggested
 * patrol zones). State only; the commands are in `planActions.ts`.
 */
import { create } from 'zustand';
import type { Plan } from '../../plan/planSchema';
import type { DamagedPlan } from '../../plan/planStore';

export type DrawTool = 'polygon' | 'rectangle' | 'circle' | 'freehand' | 'select';
/** A drawing tool, or picking hot-spot cells on the map. */
export type MapTool = DrawTool | 'cells';

export interface HistoryEntry {
  /** "Draw zone 'Zone 2'", "Rename zone", "Attach Foot patrol". */
  label: string;
  /** The plan before the action (its revision is ignored on undo: the stored one counts). */
  before: Plan;
  /** Consecutive edits with the same key (typing a name) merge into one entry. */
  key?: string;
  at: number;
}

export interface PlanListEntry {
  id: string;
  name: string;
  updatedAt: string;
}

export type SaveStatus =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: string; revision: number }
  | { kind: 'error'; message: string };

export interface PlanConflict {
  message: string;
  /** The plan as the other tab saved it (null if it was deleted or cannot be read). */
  stored: Plan | null;
}

export interface PanelMessage {
  tone: 'info' | 'error' | 'success';
  text: string;
}

export interface PlanState {
  datasetId: string | null;
  plan: Plan | null;
  /** Whether the plan exists in IndexedDB (a new plan is stored on its first change). */
  stored: boolean;
  plans: PlanListEntry[];
  damaged: DamagedPlan[];
  past: HistoryEntry[];
  future: HistoryEntry[];
  save: SaveStatus;
  conflict: PlanConflict | null;
  selectedZoneId: string | null;
  tool: MapTool | null;
  /** Radius of the circle being drawn, metres. */
  drawingRadiusMetres: number | null;
  /** Hot-spot cells picked on the map (indices into the hot spot result). */
  pickedCells: number[];
  /** Messages of the panel: file import/export, zone making. */
  panelMessage: PanelMessage | null;
  /** The strategy being edited, by id ('new' for one not yet in the plan). */
  editingStrategyId: string | null;
}

export const usePlan = create<PlanState>(() => ({
  datasetId: null,
  plan: null,
  stored: false,
  plans: [],
  damaged: [],
  past: [],
  future: [],
  save: { kind: 'idle' },
  conflict: null,
  selectedZoneId: null,
  tool: null,
  drawingRadiusMetres: null,
  pickedCells: [],
  panelMessage: null,
  editingStrategyId: null,
}));
