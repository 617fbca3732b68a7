/// The two ICP versions that come with the sample: an older narrow one and a newer wider one.
enum SampleICP {
    static let older = """
        # The sample team's ICP in 2024: mid-market software in North America.
        version: 2024-h1
        effective: 2024-01-01
        description: Mid-market software companies in North America
        tiers: {A: 80, B: 60, C: 40}
        revive_at: B
        criteria:
          - id: industry
            field: industry
            in: [Software]
            points: 30
          - id: size
            field: employees
            bands:
              - {between: [50, 200], points: 25}
          - id: region
            field: country
            in: [United States, Canada]
            points: 20
          # The Salesforce org keeps the stack in its custom field Tech_Stack__c, which the
          # sample's mapping overlay imports as technologies.
          - id: stack
            field: technologies
            any: [Salesforce, HubSpot]
            points: 15
        triggers:
          - id: recent-funding
            field: last_funding_at
            within_days: 365
            points: 10
        disqualify:
          - id: too-small
            field: employees
            below: 10
          - id: competitor-locked
            field: technologies
            any: [CompetitorCRM]

        """

    static let newer = """
        # From July 2025: Financial Services added, larger companies welcome, the UK in, funding
        # weighs more, buying signals since the loss count, and SSO and the HubSpot integration shipped.
        version: 2025-q3
        effective: 2025-07-01
        description: Mid-market B2B software and Financial Services in North America and the UK
        tiers: {A: 80, B: 60, C: 40}
        revive_at: B
        criteria:
          - id: industry
            field: industry
            in: [Software, Financial Services]
            points: 30
          - id: size
            field: employees
            bands:
              - {between: [50, 200], points: 25}
              - {between: [201, 1000], points: 20}
          - id: region
            field: country
            in: [United States, Canada, United Kingdom]
            points: 20
          - id: stack
            field: technologies
            any: [Salesforce, HubSpot]
            points: 15
        triggers:
          - id: recent-funding
            field: last_funding_at
            within_days: 365
            points: 15
          # What changed since the lead was dropped: each compares the lead now with the lead
          # on its dismissal date, so it only counts in today's evaluation.
          - {id: grew, field: employees, grew_by: 30%, points: 15}
          - {id: new-exec, field: title, changed: true, points: 10}
          - {id: new-market, field: country, entered: [United Kingdom, Canada], points: 10}
          - {id: adopted, field: technologies, added: [Salesforce, HubSpot, Snowflake], points: 10}
          - {id: came-back, field: last_activity_at, after_dismissal: true, points: 20}
        disqualify:
          - id: too-small
            field: employees
            below: 10
          - id: competitor-locked
            field: technologies
            any: [CompetitorCRM]
        resolved_lost_reasons: [No SSO, Missing HubSpot integration]

        """
}
