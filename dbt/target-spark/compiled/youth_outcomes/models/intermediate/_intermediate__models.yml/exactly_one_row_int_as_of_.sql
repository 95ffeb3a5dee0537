select count(*) as row_count
from intermediate.int_as_of
having count(*) <> 1
