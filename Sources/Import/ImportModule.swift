import LeadData
