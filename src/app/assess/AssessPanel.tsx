import { EmergingSection } from './EmergingSection';
import { ConcentrationSection } from './ConcentrationSection';
import { DensitySection } from './DensitySection';
import { HotspotsSection } from './HotspotsSection';
import { PointPatternSection } from './PointPatternSection';
import { RatesSection } from './RatesSection';
import { NearRepeatSection } from './NearRepeatSection';
import { PredictSection } from './PredictSection';

/** Phase 1, assess: where and when crime concentrates, and how it is changing. */
export function AssessPanel(): React.JSX.Element {
  return (
    <div className="panel" data-testid="assess-panel">
      <HotspotsSection />
      <DensitySection />
      <ConcentrationSection />
      <PointPatternSection />
      <RatesSection />
      <EmergingSection />
      <NearRepeatSection />
      <PredictSection />
    </div>
  );
}
