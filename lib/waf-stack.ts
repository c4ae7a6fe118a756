import { CfnOutput, Stack, type StackProps } from "aws-cdk-lib";
import { CfnWebACL } from "aws-cdk-lib/aws-wafv2";
import type { Construct } from "constructs";
import type { StageConfig } from "./config";

export interface WafStackProps extends StackProps {
  readonly config: StageConfig;
}

/** The path filings are posted to (PRODUCT.md §6). */
export const INTAKE_PATH = "/v1/reports";

/**
 * AWS WAF in front of the stage's CloudFront distribution (`web.waf.enabled`). A web ACL for
 * CloudFront must live in us-east-1, so it is a stack of its own there; the web stack refers to it
 * across regions. Rules: a rate limit on filings per IP address (a flood of fake reports would bury
 * real ones and the staff who read them), and Amazon's list of addresses with a bad reputation.
 */
export class WafStack extends Stack {
  readonly webAclArn: string;

  constructor(scope: Construct, id: string, props: WafStackProps) {
    super(scope, id, props);
    const { config } = props;
    const visibility = (metricName: string) => ({
      cloudWatchMetricsEnabled: true,
      sampledRequestsEnabled: true,
      metricName,
    });
    const exactly = (field: CfnWebACL.FieldToMatchProperty, value: string) => ({
      byteMatchStatement: {
        fieldToMatch: field,
        positionalConstraint: "EXACTLY",
        searchString: value,
        textTransformations: [{ priority: 0, type: "NONE" }],
      },
    });
    const acl = new CfnWebACL(this, "WebAcl", {
      name: `aduan-${config.stage}`,
      scope: "CLOUDFRONT",
      defaultAction: { allow: {} },
      visibilityConfig: visibility(`aduan-${config.stage}`),
      rules: [
        {
          name: "IntakeRatePerIp",
          priority: 0,
          action: { block: {} },
          visibilityConfig: visibility("IntakeRatePerIp"),
          statement: {
            rateBasedStatement: {
              limit: config.web.waf.intakePerFiveMinutes,
              evaluationWindowSec: 300,
              aggregateKeyType: "IP",
              scopeDownStatement: {
                andStatement: {
                  statements: [exactly({ method: {} }, "POST"), exactly({ uriPath: {} }, INTAKE_PATH)],
                },
              },
            },
          },
        },
        {
          name: "AmazonIpReputation",
          priority: 1,
          overrideAction: { none: {} },
          visibilityConfig: visibility("AmazonIpReputation"),
          statement: {
            managedRuleGroupStatement: { vendorName: "AWS", name: "AWSManagedRulesAmazonIpReputationList" },
          },
        },
      ],
    });
    this.webAclArn = acl.attrArn;
    new CfnOutput(this, "WebAclArn", { value: acl.attrArn });
  }
}
