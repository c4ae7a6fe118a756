import { Aspects, type IAspect } from "aws-cdk-lib";
import { Alarm } from "aws-cdk-lib/aws-cloudwatch";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import type { ITopic } from "aws-cdk-lib/aws-sns";
import type { IConstruct } from "constructs";

/**
 * Every CloudWatch alarm under `scope` — those there now and those added later (an aspect runs at
 * synth) — notifies `topic` when it fires and when it recovers, so no alarm is only a red line on a
 * dashboard nobody watches.
 */
export function alarmsNotify(scope: IConstruct, topic: ITopic): void {
  const action = new SnsAction(topic);
  const aspect: IAspect = {
    visit(node: IConstruct) {
      if (!(node instanceof Alarm)) return;
      node.addAlarmAction(action);
      node.addOkAction(action);
    },
  };
  Aspects.of(scope).add(aspect);
}
