
    
    



select partner_system
from reference.partnerships
where partner_system is null


