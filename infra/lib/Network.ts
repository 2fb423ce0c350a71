import { RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/** Props of {@link Network}. */
export interface NetworkProps {
  /** Customer-managed key that encrypts the flow log group. */
  readonly encryptionKey: kms.IKey;
  /** Address range of the VPC. @default '10.0.0.0/16' */
  readonly cidr?: string;
  /** How long VPC flow logs are kept. @default RetentionDays.ONE_YEAR */
  readonly flowLogRetention?: logs.RetentionDays;
}

/**
 * The VPC the Lambda functions run in: private subnets in two Availability Zones that reach the
 * internet (Epic) through one NAT gateway with a fixed Elastic IP, and reach KMS, Secrets Manager,
 * SSM, CloudWatch Logs and DynamoDB through VPC endpoints without leaving the AWS network. All
 * traffic is recorded in VPC flow logs; the default security group is closed.
 *
 * One NAT gateway, not one per zone: a zone outage stops Epic calls from the other zone too, which
 * is acceptable for a clinic IVR (the caller is offered a person) and halves the fixed cost. The
 * Elastic IP is created here rather than by the NAT provider so that it is the one address to give
 * Epic for an allow-list and survives a NAT gateway replacement.
 */
export class Network extends Construct {
  /** The VPC. */
  public readonly vpc: ec2.Vpc;
  /** Public IPv4 addresses all outbound internet traffic leaves from (one: the NAT gateway's). */
  public readonly egressIps: readonly string[];

  public constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    const natIp = new ec2.CfnEIP(this, 'NatIp', { domain: 'vpc' });
    this.egressIps = [natIp.attrPublicIp];

    const cidr = props.cidr ?? '10.0.0.0/16';
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr(cidr),
      // The stack's first two zones (a stack with an account must say how it knows them offline).
      maxAzs: 2,
      natGateways: 1,
      natGatewayProvider: ec2.NatProvider.gateway({ eipAllocationIds: [natIp.attrAllocationId] }),
      subnetConfiguration: [
        // Only the NAT gateway lives here; it has its Elastic IP, so nothing needs a public IP at launch.
        { name: 'Public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24, mapPublicIpOnLaunch: false },
        { name: 'Private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 20 },
      ],
      // Nothing uses the default security group; a custom resource removes its rules.
      restrictDefaultSecurityGroup: true,
    });

    for (const subnet of this.vpc.publicSubnets) {
      Validations.of(subnet.node.findChild('DefaultRoute')).acknowledge({
        id: 'HIPAA.Security-VPCNoUnrestrictedRouteToIGW',
        reason:
          'The public subnets hold only the NAT gateway, which needs a default route to the internet gateway to ' +
          'reach Epic. No workload runs in them: the functions run in the private subnets, whose default route ' +
          'goes to the NAT gateway, and nothing accepts inbound connections from the internet.',
      });
    }

    this.addFlowLog(props);
    this.addEndpoints(cidr);
  }

  /** VPC flow logs of all traffic to an encrypted log group, written with a role of its own. */
  private addFlowLog(props: NetworkProps): void {
    const { account, region, partition } = Stack.of(this);
    const logGroup = new logs.LogGroup(this, 'FlowLogGroup', {
      encryptionKey: props.encryptionKey,
      retention: props.flowLogRetention ?? logs.RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const role = new iam.Role(this, 'FlowLogRole', {
      description: 'Delivers the clinic IVR VPC flow logs to CloudWatch Logs',
      // Only flow logs of this account may use the role (confused-deputy protection, VPC guide,
      // "IAM role for publishing flow logs to CloudWatch Logs").
      assumedBy: new iam.ServicePrincipal('vpc-flow-logs.amazonaws.com').withConditions({
        StringEquals: { 'aws:SourceAccount': account },
        ArnLike: { 'aws:SourceArn': `arn:${partition}:ec2:${region}:${account}:vpc-flow-log/*` },
      }),
    });
    const policy = new iam.ManagedPolicy(this, 'FlowLogPolicy', {
      description: 'Writes the clinic IVR VPC flow logs to their log group',
      roles: [role],
      statements: [
        new iam.PolicyStatement({
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
          resources: [logGroup.logGroupArn],
        }),
      ],
    });
    const flowLog = this.vpc.addFlowLog('FlowLog', {
      // withoutPolicyUpdates: the same statement is in the managed policy above, not in an inline one.
      destination: ec2.FlowLogDestination.toCloudWatchLogs(logGroup, role.withoutPolicyUpdates()),
      trafficType: ec2.FlowLogTrafficType.ALL,
    });
    flowLog.node.addDependency(policy);
  }

  /** Endpoints for the AWS services the functions call, so those calls stay off the internet. */
  private addEndpoints(cidr: string): void {
    const subnets: ec2.SubnetSelection = { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS };
    // One security group for all interface endpoints: HTTPS in from the VPC's own range, nothing
    // out. The range is written as the literal CIDR (not the VPC's CidrBlock attribute) so that
    // the nag rules on inbound rules can read it.
    const securityGroup = new ec2.SecurityGroup(this, 'EndpointSecurityGroup', {
      vpc: this.vpc,
      description: 'Clinic IVR interface endpoints: HTTPS from inside the VPC',
      allowAllOutbound: false,
    });
    securityGroup.addIngressRule(ec2.Peer.ipv4(cidr), ec2.Port.tcp(443), 'HTTPS from inside the VPC');
    const services = {
      Kms: ec2.InterfaceVpcEndpointAwsService.KMS,
      SecretsManager: ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER,
      Ssm: ec2.InterfaceVpcEndpointAwsService.SSM,
      Logs: ec2.InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS,
    };
    for (const [name, service] of Object.entries(services)) {
      // Private DNS makes the SDK's default endpoint name resolve to the VPC endpoint.
      this.vpc.addInterfaceEndpoint(`${name}Endpoint`, { service, subnets, privateDnsEnabled: true, securityGroups: [securityGroup], open: false });
    }
    this.vpc.addGatewayEndpoint('DynamoDbEndpoint', { service: ec2.GatewayVpcEndpointAwsService.DYNAMODB, subnets: [subnets] });
  }
}
